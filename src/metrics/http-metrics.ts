import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MetricsService } from './metrics.service';

/** The route of a request that matched none: raw URLs are never a label. */
const UNMATCHED = 'unmatched';

/**
 * Times every request once its answer is sent, by method, route template (`/api/v1/targets/:id`,
 * never the URL asked for) and status.
 */
export function attachHttpMetrics(adapter: FastifyAdapter, metrics: MetricsService): void {
  adapter
    .getInstance()
    .addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      metrics.requestServed(
        request.method,
        request.routeOptions.url ?? UNMATCHED,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
}
