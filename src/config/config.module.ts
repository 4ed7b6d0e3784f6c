import { DynamicModule, Global, Logger, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig } from './app-config';

/** Logs the configuration's warnings (unknown VIGIL_* variables) once, as the app starts. */
class ConfigWarnings implements OnModuleInit {
  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    const logger = new Logger('Config');
    for (const warning of this.config.warnings) logger.warn(warning);
  }
}

/** Makes the validated AppConfig injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: ConfigWarnings, useFactory: () => new ConfigWarnings(config) },
      ],
      exports: [AppConfig],
    };
  }
}
