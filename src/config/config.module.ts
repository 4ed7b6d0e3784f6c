import { DynamicModule, Global, Logger, Module, OnModuleInit } from '@nestjs/common';

/** What the configuration module needs of a configuration: the warnings to log once. */
export interface WarnedConfig {
  readonly warnings: readonly string[];
}

/** Logs the configuration's warnings (unknown VIGIL_* variables) once, as the app starts. */
class ConfigWarnings implements OnModuleInit {
  constructor(private readonly config: WarnedConfig) {}

  onModuleInit(): void {
    const logger = new Logger('Config');
    for (const warning of this.config.warnings) logger.warn(warning);
  }
}

type Token<T> = abstract new (...args: never[]) => T;

/** A slice of the configuration and the token its module injects it by. */
export interface SliceProvider<T = unknown> {
  provide: Token<T>;
  useValue: T;
}

/** Makes the validated configuration injectable everywhere as `token`, and each of `slices`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot<C extends WarnedConfig>(
    token: Token<C>,
    config: C,
    slices: readonly SliceProvider[] = [],
  ): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: token, useValue: config },
        ...slices,
        { provide: ConfigWarnings, useFactory: () => new ConfigWarnings(config) },
      ],
      exports: [token, ...slices.map((slice) => slice.provide)],
    };
  }
}
