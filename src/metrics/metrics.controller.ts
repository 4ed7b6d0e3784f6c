import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { Public } from '../auth/roles';
import { MetricsService } from './metrics.service';

/** The content type of the Prometheus text format that prom-client writes. */
const EXPOSITION_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics`, at the root as Prometheus expects it. Who may scrape is the subclass's
 * decorator: the viewer role, or anybody with VIGIL_METRICS_PUBLIC=true.
 */
abstract class MetricsEndpoint {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', EXPOSITION_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics of this instance (text exposition format)',
    description:
      'Process and Node.js metrics, probes by target and result, target status, probe duration ' +
      'and schedule lag, the recorder queue and batch writes, site queries, commands, the ' +
      'outbox, HTTP requests by route template, and the cluster when instances share the ' +
      'database. Needs the viewer role unless VIGIL_METRICS_PUBLIC=true.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The metrics in the Prometheus text format (version 0.0.4)',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  getMetrics(): Promise<string> {
    return this.metrics.scrape();
  }
}

@ApiTags('metrics')
@Controller('metrics')
@Auth('viewer')
export class MetricsController extends MetricsEndpoint {
  constructor(metrics: MetricsService) {
    super(metrics);
  }
}

@ApiTags('metrics')
@Controller('metrics')
@Public()
export class PublicMetricsController extends MetricsEndpoint {
  constructor(metrics: MetricsService) {
    super(metrics);
  }
}
