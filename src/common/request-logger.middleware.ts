import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';

type LoggedRequest = IncomingMessage & {
  ip?: string;
  originalUrl?: string;
  user?: { name?: string };
};

/**
 * One structured line per request: method, URL, status, duration, user and client address.
 * Headers (and so credentials) and bodies are never logged.
 */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly config: AppConfig) {}

  use(req: LoggedRequest, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = {
        method: req.method,
        url: req.originalUrl ?? req.url,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        user: req.user?.name ?? null,
        ip: req.ip ?? req.socket.remoteAddress,
      };
      if (this.config.logging.format === 'json') this.logger.log(entry);
      else {
        this.logger.log(
          `${entry.method} ${entry.url} ${entry.status} ${entry.ms}ms user=${entry.user ?? '-'} ip=${entry.ip}`,
        );
      }
    });
    next();
  }
}
