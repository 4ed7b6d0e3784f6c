import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from './database-unavailable';
import { isClientAbort } from './http-platform';
import type { ProblemDto } from './problem.dto';
import {
  AUTH_REALM,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  ValidationProblemException,
} from './problem';

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

/** Seconds a client is asked to wait while the database is unavailable. */
const DATABASE_RETRY_AFTER = '5';

/** Answers every error as application/problem+json (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const ctx = host.switchToHttp();
    const request: unknown = ctx.getRequest();
    const response: unknown = ctx.getResponse();
    const unavailable = !(exception instanceof HttpException) && isDatabaseUnavailable(exception);
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : unavailable
          ? HttpStatus.SERVICE_UNAVAILABLE
          : HttpStatus.INTERNAL_SERVER_ERROR;
    const problem: ProblemDto = {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: '',
      instance: String(httpAdapter.getRequestUrl(request)).split('?')[0],
    };
    const headers: Record<string, string> = {};
    if (isClientAbort(exception)) {
      this.logger.debug(`${problem.instance}: the connection closed before the request was read`);
      return;
    }

    if (unavailable) {
      problem.type = 'urn:vigil:problem:database-unavailable';
      problem.detail = 'The database is unavailable; try again shortly';
      headers['Retry-After'] = DATABASE_RETRY_AFTER;
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
    } else if (status >= 500 && !(exception instanceof ProblemException)) {
      problem.errorId = randomUUID();
      problem.detail = `An internal error occurred; it was logged with id ${problem.errorId}`;
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`error ${problem.errorId}: ${stack}`);
    } else if (exception instanceof HttpException) {
      problem.detail = detailOf(exception);
    }
    if (exception instanceof ValidationProblemException) {
      problem.type = 'urn:vigil:problem:validation';
      problem.title = 'Invalid request';
      problem.errors = exception.errors;
    }
    if (exception instanceof ProblemException) {
      const { type, title, extra, headers: extraHeaders } = exception.problem;
      if (type) problem.type = type;
      if (title) problem.title = title;
      Object.assign(problem, extra);
      Object.assign(headers, extraHeaders);
    }
    if (status === 401) {
      headers['WWW-Authenticate'] = `Basic realm="${AUTH_REALM}", charset="UTF-8"`;
    }

    if (httpAdapter.isHeadersSent(response)) return;
    for (const [name, value] of Object.entries(headers)) {
      httpAdapter.setHeader(response, name, value);
    }
    httpAdapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    httpAdapter.reply(response, JSON.stringify(problem), status);
  }
}
