/**
 * A client of the Icinga 2 REST API (`/v1`): object queries whose answers are read as they
 * arrive (one result held at a time), objects by name, actions, object changes and the program status. Plain TypeScript,
 * no Nest. TLS is always verified against the Icinga CA; the password never leaves the
 * Authorization header (no message, error or log line carries it).
 */
import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { ResultsSplitter } from './results-splitter';

export interface IcingaApiClientOptions {
  /** `https://<host>:<port>`; no path, no credentials. */
  url: string;
  user: string;
  password: string;
  /** PEM of the Icinga CA that signed the node's certificate. */
  ca: string | Buffer;
  /** The name the node's certificate is checked against (its CN), when not the URL's host. */
  servername?: string;
  /** Connecting, TLS handshake included. */
  connectTimeoutMs?: number;
  /** From sending a request to the end of the answer's headers. */
  headersTimeoutMs?: number;
  /** Longest pause between two pieces of an answer's body. */
  bodyTimeoutMs?: number;
  /** Connections kept to the node, busy or idle. */
  connections?: number;
  /** How long an idle connection is kept. */
  keepAliveMs?: number;
}

export type IcingaApiErrorKind =
  /** The node cannot be reached: refused, reset, DNS, no route. */
  | 'unreachable'
  /** The node's certificate does not verify against the CA and servername. */
  | 'tls'
  /** Connecting, the answer's headers or its body took too long. */
  | 'timeout'
  /** The caller gave up (its AbortSignal). */
  | 'aborted'
  /** 401: the API user or its password was refused. */
  | 'unauthorized'
  /** 403: the API user may not do this. */
  | 'forbidden'
  /** 404: no such object, type or action. */
  | 'not-found'
  /** 400: Icinga refused the request (a bad filter, attribute or parameter). */
  | 'bad-request'
  /** Any other 4xx and 5xx answer. */
  | 'server'
  /** The answer is not the JSON Icinga sends. */
  | 'protocol';

/** A failed API call. Its message names the node and Icinga's own words, never the password. */
export class IcingaApiError extends Error {
  constructor(
    readonly kind: IcingaApiErrorKind,
    message: string,
    /** The HTTP status of Icinga's answer, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'IcingaApiError';
  }
}

/** One object of an answer (`/v1/objects/...`). */
export interface IcingaObject {
  name: string;
  type: string;
  attrs: Record<string, unknown>;
  joins?: Record<string, Record<string, unknown>>;
  meta?: Record<string, unknown>;
}

export interface ObjectQuery {
  /** Attributes to return (fewer attributes, much smaller answers). */
  attrs?: string[];
  /** Related objects to join, e.g. `host.name`, `host.state`. */
  joins?: string[];
  /** A filter expression of Icinga's DSL; every value belongs in filterVars. */
  filter?: string;
  filterVars?: Record<string, unknown>;
  signal?: AbortSignal;
}

/** One entry of an action's or object change's answer. */
export interface IcingaActionResult {
  code: number;
  status: string;
  name?: string;
  legacy_id?: number;
  [key: string]: unknown;
}

export interface IcingaStatus {
  /** The program version, as livestatus' `program_version` (e.g. `r2.13.6-1`). */
  version: string;
  /** Everything `/v1/status/IcingaApplication` says about the application. */
  app: Record<string, unknown>;
}

/** Object types by their URL name: plural, lower case. */
const OBJECT_TYPE = /^[a-z]+$/;
const ACTION_NAME = /^[a-z-]+$/;
/** The longest error body read to find Icinga's message. */
const MAX_ERROR_BODY = 64 * 1024;
/** The longest answer read whole (actions, object changes, status, one object). */
const MAX_SMALL_BODY = 16 * 1024 * 1024;
/** Icinga's message when a filter matches no object (also when the filter cannot be evaluated). */
const NO_OBJECTS = 'No objects found.';
/** The longest Icinga message kept in an error. */
const MAX_MESSAGE = 500;

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export class IcingaApiClient {
  private readonly pool: Pool;
  private readonly authorization: string;
  /** `https://host:port`, for messages. */
  readonly origin: string;

  constructor(private readonly options: IcingaApiClientOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:') {
      throw new IcingaApiError('bad-request', 'the Icinga 2 API URL must start with https://');
    }
    if (url.username || url.password) {
      throw new IcingaApiError(
        'bad-request',
        'the Icinga 2 API URL must not hold a user or password',
      );
    }
    this.origin = url.origin;
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 8,
      keepAliveTimeout: options.keepAliveMs ?? 4000,
      headersTimeout: options.headersTimeoutMs ?? 10000,
      bodyTimeout: options.bodyTimeoutMs ?? 30000,
      connect: {
        ca: options.ca,
        servername: options.servername,
        rejectUnauthorized: true,
        timeout: options.connectTimeoutMs ?? 5000,
      },
    });
  }

  /**
   * Objects of a type (`hosts`, `services`, `downtimes`...) matching a filter, each yielded as
   * soon as its JSON has arrived: the answer is never held whole.
   */
  async *objects(type: string, query: ObjectQuery = {}): AsyncGenerator<IcingaObject> {
    checkName('object type', type, OBJECT_TYPE);
    const body: Record<string, unknown> = {};
    if (query.attrs) body.attrs = query.attrs;
    if (query.joins) body.joins = query.joins;
    if (query.filter !== undefined) body.filter = query.filter;
    if (query.filterVars) body.filter_vars = query.filterVars;
    const response = await this.send(
      'POST',
      `/v1/objects/${type}`,
      body,
      { 'x-http-method-override': 'GET' },
      query.signal,
    );
    if (response.statusCode !== 200) {
      const err = await this.failure(response);
      // a filter that matches nothing is answered 404 "No objects found."
      if (err.kind === 'not-found' && err.message.endsWith(NO_OBJECTS)) return;
      throw err;
    }

    const splitter = new ResultsSplitter();
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        let found: unknown[];
        try {
          found = splitter.push(chunk);
        } catch {
          throw this.notJson();
        }
        yield* found as IcingaObject[];
      }
      try {
        splitter.end();
      } catch {
        throw this.notJson();
      }
    } catch (err) {
      throw this.classify(err);
    } finally {
      // a consumer that stops early leaves the rest of the answer unread
      response.body.destroy();
    }
  }

  /** One object by name (a service as `host!service`), or null when there is none. */
  async object(type: string, name: string, attrs?: string[]): Promise<IcingaObject | null> {
    checkName('object type', type, OBJECT_TYPE);
    const query = (attrs ?? []).map((a) => `attrs=${encodeURIComponent(a)}`).join('&');
    const path = `/v1/objects/${type}/${encodeURIComponent(name)}${query ? `?${query}` : ''}`;
    const response = await this.send('GET', path);
    if (response.statusCode === 404) {
      await response.body.dump();
      return null;
    }
    const answer = await this.json<{ results?: IcingaObject[] }>(response);
    return answer.results?.[0] ?? null;
  }

  /** Runs an action (`schedule-downtime`, `acknowledge-problem`...) and returns its results. */
  async action(name: string, body: Record<string, unknown>): Promise<IcingaActionResult[]> {
    checkName('action', name, ACTION_NAME);
    const response = await this.send('POST', `/v1/actions/${name}`, body);
    return (await this.json<{ results?: IcingaActionResult[] }>(response)).results ?? [];
  }

  /** Changes attributes of one object (e.g. `enable_notifications`). */
  async modify(
    type: string,
    name: string,
    attrs: Record<string, unknown>,
  ): Promise<IcingaActionResult[]> {
    checkName('object type', type, OBJECT_TYPE);
    const response = await this.send('POST', `/v1/objects/${type}/${encodeURIComponent(name)}`, {
      attrs,
    });
    return (await this.json<{ results?: IcingaActionResult[] }>(response)).results ?? [];
  }

  /** Changes attributes of every object of a type that the filter matches. */
  async modifyWhere(
    type: string,
    filter: string,
    filterVars: Record<string, unknown>,
    attrs: Record<string, unknown>,
  ): Promise<IcingaActionResult[]> {
    checkName('object type', type, OBJECT_TYPE);
    const response = await this.send('POST', `/v1/objects/${type}`, {
      filter,
      filter_vars: filterVars,
      attrs,
    });
    return (await this.json<{ results?: IcingaActionResult[] }>(response)).results ?? [];
  }

  /** The program version and state of the Icinga application. */
  async status(): Promise<IcingaStatus> {
    const response = await this.send('GET', '/v1/status/IcingaApplication');
    const answer = await this.json<{
      results?: { status?: { icingaapplication?: { app?: Record<string, unknown> } } }[];
    }>(response);
    const app = answer.results?.[0]?.status?.icingaapplication?.app;
    if (!app || typeof app.version !== 'string') {
      throw new IcingaApiError('protocol', `${this.origin} sent a status without a version`);
    }
    return { version: app.version, app };
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private async send(
    method: Dispatcher.HttpMethod,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<Dispatcher.ResponseData> {
    try {
      return await this.pool.request({
        method,
        path,
        signal,
        headers: {
          accept: 'application/json',
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw this.classify(err);
    }
  }

  /** The whole answer as JSON, or the error its status says. */
  private async json<T>(response: Dispatcher.ResponseData): Promise<T> {
    if (response.statusCode >= 300) throw await this.failure(response);
    const text = await this.read(response, MAX_SMALL_BODY);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.notJson();
    }
  }

  private async read(response: Dispatcher.ResponseData, max: number): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        size += chunk.length;
        if (size > max) {
          response.body.destroy();
          break;
        }
      }
    } catch (err) {
      throw this.classify(err);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** The error for an answer with a status other than success, with Icinga's message. */
  private async failure(response: Dispatcher.ResponseData): Promise<IcingaApiError> {
    const status = response.statusCode;
    const message = this.clean(icingaMessage(await this.read(response, MAX_ERROR_BODY)));
    const said = message ? `: ${message}` : '';
    switch (status) {
      case 400:
        return new IcingaApiError('bad-request', `${this.origin} refused the request${said}`, 400);
      case 401:
        return new IcingaApiError(
          'unauthorized',
          `${this.origin} refused the credentials of API user "${this.options.user}"`,
          401,
        );
      case 403:
        return new IcingaApiError(
          'forbidden',
          `${this.origin} does not allow API user "${this.options.user}" this${said}`,
          403,
        );
      case 404:
        return new IcingaApiError('not-found', `${this.origin} found nothing${said}`, 404);
      default:
        return new IcingaApiError('server', `${this.origin} answered ${status}${said}`, status);
    }
  }

  /** A transport error as an IcingaApiError. */
  private classify(err: unknown): IcingaApiError {
    if (err instanceof IcingaApiError) return err;
    const code = (err as { code?: unknown })?.code;
    const name = (err as { name?: unknown })?.name;
    if (
      err instanceof undiciErrors.ConnectTimeoutError ||
      err instanceof undiciErrors.HeadersTimeoutError ||
      err instanceof undiciErrors.BodyTimeoutError ||
      code === 'ETIMEDOUT'
    ) {
      const what =
        err instanceof undiciErrors.ConnectTimeoutError
          ? 'connecting'
          : err instanceof undiciErrors.HeadersTimeoutError
            ? 'waiting for the answer'
            : 'reading the answer';
      return new IcingaApiError('timeout', `${this.origin} timed out ${what}`);
    }
    if (name === 'AbortError' || err instanceof undiciErrors.RequestAbortedError) {
      return new IcingaApiError('aborted', `the request to ${this.origin} was given up`);
    }
    if (typeof code === 'string' && TLS_CODES.has(code)) {
      return new IcingaApiError(
        'tls',
        `${this.origin}: the certificate does not verify against the Icinga CA (${code})`,
      );
    }
    const detail = typeof code === 'string' ? code : this.clean(String(err));
    return new IcingaApiError('unreachable', `${this.origin} cannot be reached (${detail})`);
  }

  private notJson(): IcingaApiError {
    return new IcingaApiError('protocol', `${this.origin} sent an answer that is not valid JSON`);
  }

  /** Icinga's message, short, without the password should it ever echo it. */
  private clean(text: string): string {
    let out = text
      .slice(0, MAX_MESSAGE)
      .replace(/[\r\n]+/g, ' ')
      .trim();
    for (const secret of [this.options.password, this.authorization]) {
      if (secret) out = out.split(secret).join('***');
    }
    return out;
  }
}

function checkName(what: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) throw new IcingaApiError('bad-request', `invalid ${what} "${value}"`);
}

/**
 * Icinga's words in an error answer: `{"error":404,"status":"No objects found."}`, or the
 * status of the first failed result of an action; the text itself when it is not that JSON.
 */
export function icingaMessage(text: string): string {
  try {
    const answer = JSON.parse(text) as {
      status?: unknown;
      results?: { status?: unknown; errors?: unknown }[];
    };
    if (typeof answer.status === 'string') return answer.status;
    const failed = answer.results?.find((r) => typeof r.status === 'string');
    if (failed) {
      const errors = Array.isArray(failed.errors) ? ` ${failed.errors.join('; ')}` : '';
      return `${String(failed.status)}${errors}`;
    }
  } catch {
    // not JSON: Icinga sends HTML for some refusals
  }
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}
