import { Logger } from '@nestjs/common';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One line per request once its answer is sent: method, URL, status, duration, user and client
 * address. Headers (and so credentials) and bodies are never logged.
 */
export function attachRequestLog(adapter: FastifyAdapter, format: 'text' | 'json'): void {
  const logger = new Logger('HTTP');
  adapter
    .getInstance()
    .addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const entry = {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        user: (request as { user?: { name?: string } }).user?.name ?? null,
        ip: request.ip,
      };
      if (format === 'json') logger.log(entry);
      else {
        logger.log(
          `${entry.method} ${entry.url} ${entry.status} ${entry.ms}ms user=${entry.user ?? '-'} ip=${entry.ip}`,
        );
      }
      done();
    });
}
