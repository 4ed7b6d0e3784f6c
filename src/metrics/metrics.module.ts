import { DynamicModule, Global, Module } from '@nestjs/common';
import type { MetricsConfig } from './metrics.config';
import { MetricsController, PublicMetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * `GET /metrics` and the registry behind it (MetricsService), which every module records into:
 * the modules import it, it imports none of them.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: MetricsConfig): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [config.public ? PublicMetricsController : MetricsController],
      providers: [MetricsService],
      exports: [MetricsService],
    };
  }
}
