import type {
  FastifyError,
  FastifyHttpOptions,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpConfig } from './http.config';
import { findJsonFault } from './json-body';
import { PROBLEM_CONTENT_TYPE, ValidationProblemException } from './problem';
import { readTlsPair } from './tls';

/** A problem+json body for errors answered outside Nest (and so outside ProblemFilter). */
export function problemBody(status: number, detail: string, instance?: string): string {
  return JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(instance === undefined ? {} : { instance }),
  });
}

/**
 * The error reading a request body fails with when the client, or a request timeout, closed the
 * connection first: nobody is left to answer, and it is no server error.
 */
export function isClientAbort(exception: unknown): boolean {
  return (
    exception instanceof Error &&
    (exception as { code?: unknown }).code === 'ECONNRESET' &&
    exception.message === 'aborted'
  );
}

type ClientError = Error & { code?: string; reason?: string };

function clientProblem(err: ClientError): { status: number; detail: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, detail: 'The request (headers and body) did not arrive in time' };
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, detail: 'The request line and headers are too large (16 KiB at most)' };
  }
  const reason = typeof err.reason === 'string' ? `: ${err.reason}` : '';
  return { status: 400, detail: `The request is not valid HTTP/1.1${reason}` };
}

/**
 * Errors Node's HTTP parser finds before Fastify sees a request (bad Content-Length, headers too
 * large, request timeout): there is no request or response, so the answer is written to the
 * socket, which is then closed. Like Node's own handler, nothing is written once a response has
 * begun.
 */
export function onClientError(err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !response?.headersSent) {
    const { status, detail } = clientProblem(err);
    const body = problemBody(status, detail);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(err);
}

/**
 * Fastify's options: request timeouts that close slow (slowloris) connections, and every error
 * Fastify or Node answer themselves as problem+json.
 *
 * `requestTimeout` bounds the whole request, headers and body; `headersTimeout` the headers
 * alone. Node enforces both on a timer (`connectionsCheckingInterval`, 30 s by default, which
 * would let a 30 s timeout run to 60 s): it runs every second here. Fastify's
 * `connectionTimeout` (an idle-socket timeout) stays off: while a probe-now waits for its target
 * (up to 300 s) or a livestatus query for its site, the socket is rightly idle, and idle
 * keep-alive sockets are already closed after Fastify's `keepAliveTimeout` (72 s).
 *
 * With `http.tls`, the server is an HTTPS one serving the certificate and key read now.
 */
export function fastifyOptions(http: HttpConfig): FastifyHttpOptions<Server> {
  const checkEveryMs = Math.max(100, Math.min(1000, Math.floor(http.headersTimeoutMs / 2)));
  const options: FastifyHttpOptions<Server> = {
    trustProxy: http.trustProxy,
    requestTimeout: http.requestTimeoutMs,
    http: {
      requestTimeout: http.requestTimeoutMs,
      headersTimeout: http.headersTimeoutMs,
      connectionsCheckingInterval: checkEveryMs,
    },
    clientErrorHandler: onClientError,
    frameworkErrors: onFrameworkError,
  };
  if (!http.tls) return options;
  const { cert, key } = readTlsPair(http.tls);
  // Fastify's types tie the options to the server type; requests and replies are alike for HTTPS
  return { ...options, https: { ...options.http, cert, key } } as FastifyHttpOptions<Server>;
}

const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The path is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is longer than 100 characters',
};

/** Fastify's routing errors: a path not valid UTF-8 once decoded (400), a parameter too long (414). */
function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const detail = FRAMEWORK_DETAILS[error.code] ?? STATUS_CODES[status] ?? 'Error';
  void reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemBody(status, detail, request.url.split('?')[0]));
}

/**
 * Refuses, as a 400 validation problem, parsed bodies nested too deeply or holding unpaired
 * surrogates (see findJsonFault), before class-transformer and class-validator recurse into them.
 * A `preValidation` hook runs after Fastify's own JSON parser (secure-json-parse, which parses
 * iteratively and refuses `__proto__`), which Nest registers itself at start-up and so is kept.
 *
 * Done once for all strings of all bodies, rather than as a validation rule on each string field,
 * so that free-form members no validator looks into (command `args`, `jsonEquals`, header maps)
 * are covered too. Query strings need no such check: their percent-decoding never yields an
 * unpaired surrogate.
 */
export function refuseHostileBodies(instance: FastifyInstance): void {
  instance.addHook('preValidation', (request, _reply, done) => {
    const fault = request.body === undefined ? null : findJsonFault(request.body);
    done(fault ? new ValidationProblemException([fault]) : undefined);
  });
}
