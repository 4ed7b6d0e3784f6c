import { performance } from 'node:perf_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { HttpMethod } from '../targets/http-method';
import { certificateMismatch, evaluate, needsBody, statusExpected } from './evaluate';
import { KeystoneError, KeystoneTokens } from './keystone';
import { ProbeAgents } from './probe-agents';
import type { FailureKind, ProbeAuth, ProbeResult, ProbeSpec, ProbeStep } from './probe-spec';
import { RegexThread, type RegexVerdict } from './regex-thread';

export interface HttpProberOptions {
  /** The connection pools by TLS settings; the prober's own when absent. */
  agents?: ProbeAgents;
  /** The dispatcher of targets without TLS settings; the default agent of `agents` when absent. */
  dispatcher?: Dispatcher;
  keystone?: KeystoneTokens;
  /** At most this much of a body is read for the expectations (default 1 MiB). */
  maxBodyBytes?: number;
  /** The thread that runs body regexes; one of the prober's own when absent. */
  regex?: RegexThread;
}

/**
 * The credentials a request carries: its header values (configured ones included), the BASIC
 * password and its base64 form, the Keystone password and token. Descriptions never quote them.
 */
export function credentialsOf(
  auth: ProbeAuth,
  headers: Record<string, string> | undefined,
): string[] {
  const values = headers ? Object.values(headers) : [];
  if (auth.type === 'BASIC' || auth.type === 'OPENSTACK') values.push(auth.password);
  for (const value of headers ? Object.values(headers) : []) {
    // the token alone, without its scheme (`Basic …`, `Bearer …`)
    const token = /^\S+ (\S{4,})$/.exec(value)?.[1];
    if (token) values.push(token);
  }
  return values;
}

class DeadlineExceeded extends Error {}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/**
 * Names the reason a request got no usable HTTP answer: no connection, or an answer whose
 * headers are past undici's limit (Node's `--max-http-header-size`, 16 KiB by default), which
 * is not a failed connection and is named as such.
 */
export function describeNetworkError(
  err: unknown,
  host: string,
): { kind: FailureKind; description: string } {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e.code && e.code !== 'UND_ERR_CONNECT' ? e.code : (e.cause?.code ?? e.code ?? '');
  if (code === 'UND_ERR_HEADERS_OVERFLOW') {
    return { kind: 'headers-too-large', description: 'response headers too large' };
  }
  const failed = (kind: FailureKind, description: string) => ({ kind, description });
  if (code === 'ECONNREFUSED') return failed('refused', 'cannot connect: connection refused');
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return failed('reset', 'cannot connect: connection reset by the target');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return failed('dns', `cannot connect: DNS lookup failed for ${host}`);
  }
  if (TLS_CODE.test(code)) return failed('tls', `cannot connect: TLS error (${code})`);
  return failed('network', `cannot connect: ${code || e.message || 'network error'}`);
}

/** What is missing from the auth settings, or null when they are complete. */
export function invalidAuth(spec: ProbeSpec): string | null {
  const auth = spec.auth;
  if (auth.type === 'BASIC' && (!auth.username || !auth.password)) {
    return 'BASIC needs a username and a password';
  }
  if (auth.type === 'OPENSTACK') {
    if (!auth.authUrl || !auth.username || !auth.password) {
      return 'OPENSTACK needs authUrl, username and password';
    }
    if (!auth.projectId && !auth.projectName && !auth.tenantId && !auth.tenantName) {
      return 'OPENSTACK needs a project or tenant';
    }
  }
  return null;
}

/** Body bytes drained from an answer nobody reads, so that its connection is reused; past this the connection is dropped instead. */
const DISCARD_LIMIT = 128 * 1024;

/** The request was cut short on purpose: enough of the body was read. */
class BodyCapReached extends Error {}

/** Where a target's requests go. */
interface Route {
  origin: string;
  /** Path and query string. */
  path: string;
}

/** The most redirects a probe follows. */
export const MAX_REDIRECTS = 10;

/** The answers whose Location is followed. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials, never sent to another host after a redirect. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'x-auth-token', 'cookie'];

/** One request of a probe: the target's own, or one a redirect led to. */
interface Hop extends Route {
  method: HttpMethod;
  body: string | null;
  headers: Record<string, string> | undefined;
  /** True while every redirect so far stayed on the target's host (credentials are sent). */
  ownHost: boolean;
}

/** The URL as a result names it: without credentials. */
function shownUrl(url: URL): string {
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * True when a redirect from `from` to `to` stays on the host: the same host name and port, or
 * the same host name from http to https on the default ports.
 */
function staysOnHost(from: URL, to: URL): boolean {
  if (from.hostname !== to.hostname) return false;
  if (from.port === to.port && from.protocol === to.protocol) return true;
  return from.protocol === 'http:' && to.protocol === 'https:' && !from.port && !to.port;
}

/**
 * The request a redirect leads to, or null when its Location is not an http or https URL (the
 * redirect is then the answer). 303, and 301 and 302 after a POST, turn the method into GET
 * without a body (as browsers do); credentials stay behind when the host changes.
 */
function nextHop(
  from: Hop,
  status: number,
  location: string,
  credentialHeaders: readonly string[] | undefined,
): { hop: Hop; url: URL } | null {
  const fromUrl = new URL(`${from.origin}${from.path}`);
  let url: URL;
  try {
    url = new URL(location, fromUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const toGet =
    (status === 303 && from.method !== 'HEAD') ||
    ((status === 301 || status === 302) && from.method === 'POST');
  const ownHost = from.ownHost && staysOnHost(fromUrl, url);
  let headers = from.headers;
  if (!ownHost && headers) {
    const drop = new Set([...CREDENTIAL_HEADERS, ...(credentialHeaders ?? [])]);
    headers = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())),
    );
  }
  const hop: Hop = {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: toGet ? 'GET' : from.method,
    body: toGet ? null : from.body,
    headers,
    ownHost,
  };
  return { hop, url };
}

/** A spec with its URL already taken apart, so that its probes do not parse it again. */
type PreparedSpec = ProbeSpec & { readonly route: Route };

function routeOf(url: string): Route {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/**
 * The spec, prepared for many probes: its URL parsed once. An invalid URL is left for each
 * probe to report.
 */
export function prepareSpec(spec: ProbeSpec): ProbeSpec {
  let route: Route;
  try {
    route = routeOf(spec.url);
  } catch {
    return spec;
  }
  // assigned, not spread: specs of one shape keep one hidden class (a spread can make one per object)
  const prepared: PreparedSpec = Object.assign({}, spec, { route });
  return prepared;
}

/**
 * The one deadline of a probe (authentication, connection, headers and body): one timer, which
 * aborts whatever the probe is waiting for when it fires.
 */
class Deadline {
  expired = false;
  private abortRequest: ((reason: Error) => void) | null = null;
  private keystoneAbort: AbortController | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.timer = setTimeout(() => this.expire(), ms);
  }

  /** A signal for the Keystone request (made only for probes that need a token). */
  get signal(): AbortSignal {
    if (!this.keystoneAbort) {
      this.keystoneAbort = new AbortController();
      if (this.expired) this.keystoneAbort.abort(new DeadlineExceeded());
    }
    return this.keystoneAbort.signal;
  }

  /** The request now in flight is aborted by `abort` when the deadline passes. */
  guard(abort: (reason: Error) => void): void {
    this.abortRequest = abort;
    if (this.expired) abort(new DeadlineExceeded());
  }

  clear(): void {
    clearTimeout(this.timer);
    this.abortRequest = null;
  }

  private expire(): void {
    this.expired = true;
    const reason = new DeadlineExceeded();
    this.abortRequest?.(reason);
    this.keystoneAbort?.abort(reason);
  }
}

interface Answer {
  status: number;
  /** The Location of a redirect to follow; undefined for any other answer. */
  location?: string;
  /** When the status line and headers had arrived (performance.now()). */
  headersAt: number;
  /** The body (up to the cap), when it was asked for. */
  body?: string;
}

/**
 * Receives one answer from undici's dispatcher: keeps the status, collects the body up to the
 * cap when it is wanted and drains it otherwise, so that the connection is released.
 */
class AnswerHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headersAt = 0;
  private size = 0;
  private readonly chunks: Buffer[] = [];
  private settled = false;

  private location: string | undefined = undefined;

  constructor(
    private readonly deadline: Deadline,
    private readBody: boolean,
    private maxBytes: number,
    /** Whether a redirect's Location is to be followed. */
    private readonly follow: boolean,
    private readonly resolve: (answer: Answer) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.deadline.guard((reason) => controller.abort(reason));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.status = statusCode;
    this.headersAt = performance.now();
    if (this.follow && REDIRECT_STATUSES.has(statusCode)) {
      const location = headers.location;
      if (typeof location === 'string' && location) {
        // a redirect's body is drained, not read: the answer it leads to is evaluated
        this.location = location;
        this.readBody = false;
        this.maxBytes = DISCARD_LIMIT;
      }
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    const room = this.maxBytes - this.size;
    this.size += chunk.length;
    if (this.readBody) this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    if (this.size >= this.maxBytes) {
      this.finish();
      controller.abort(new BodyCapReached());
    }
  }

  onResponseEnd(): void {
    if (!this.settled) this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  private finish(): void {
    this.settled = true;
    this.resolve({
      status: this.status,
      location: this.location,
      headersAt: this.headersAt,
      body: this.readBody ? Buffer.concat(this.chunks).toString('utf8') : undefined,
    });
  }
}

type Outcome = Pick<ProbeResult, 'status' | 'description' | 'httpStatus' | 'networkFailure'> & {
  failure?: FailureKind;
};

/** One probe under way: its start, and the steps it traces when asked to. */
class ProbeRun {
  readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private mark = this.t0;
  private readonly steps: ProbeStep[] = [];
  redirects = 0;
  finalUrl: string | null = null;
  certificateExpiresAt: Date | null = null;

  constructor(
    private readonly spec: ProbeSpec,
    private readonly trace: boolean,
  ) {}

  /** Notes a step that ended at `at` (default now), when tracing. */
  step(name: ProbeStep['step'], detail?: string, at?: number): void {
    if (!this.trace) return;
    const now = at ?? performance.now();
    this.steps.push({
      step: name,
      ms: Math.round((now - this.mark) * 10) / 10,
      ...(detail ? { detail } : {}),
    });
    this.mark = now;
  }

  /** Milliseconds since the start. */
  elapsed(): number {
    return performance.now() - this.t0;
  }

  finish(outcome: Outcome): ProbeResult {
    const result: ProbeResult = {
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      responseTimeMs: Math.round(this.elapsed() * 10) / 10,
      description: outcome.description,
      networkFailure: outcome.networkFailure,
      startedAt: this.startedAt,
      steps: this.steps,
      redirects: this.redirects,
      finalUrl: this.finalUrl,
      certificateExpiresAt: this.certificateExpiresAt,
    };
    if (outcome.failure) result.failure = outcome.failure;
    return result;
  }

  timedOut(): Outcome {
    return {
      status: 'FAIL',
      failure: 'timeout',
      description: `timeout after ${this.spec.timeoutSeconds} s`,
      httpStatus: null,
      networkFailure: true,
    };
  }

  host(): string {
    try {
      return new URL(this.spec.url).hostname;
    } catch {
      return this.spec.url;
    }
  }
}

/**
 * Probes one target: authenticates (Basic, or a Keystone token shared between targets),
 * sends the request, reads the body only when an expectation needs it, and evaluates the
 * answer. One deadline covers authentication, connection, headers and body. Never throws:
 * every outcome is a ProbeResult with its own description.
 */
export class HttpProber {
  private readonly keystone: KeystoneTokens;
  private readonly maxBodyBytes: number;
  private readonly agents: ProbeAgents;
  /** True when the agents are the prober's own (closed with it). */
  private readonly ownsAgents: boolean;
  private readonly dispatcher: Dispatcher;
  private regexThread: RegexThread | undefined;
  /** True when the regex thread is the prober's own (started on the first body regex). */
  private readonly ownsRegexThread: boolean;

  constructor(options: HttpProberOptions = {}) {
    this.ownsAgents = !options.agents;
    this.agents = options.agents ?? new ProbeAgents();
    this.dispatcher = options.dispatcher ?? this.agents.default;
    this.regexThread = options.regex;
    this.ownsRegexThread = !options.regex;
    this.keystone = options.keystone ?? new KeystoneTokens({ dispatcher: this.dispatcher });
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  }

  /**
   * Probes the target. With `trace`, the result lists the time of each step (authentication,
   * request, response, evaluation); without, its step list is empty.
   */
  async probe(spec: ProbeSpec, trace = false): Promise<ProbeResult> {
    const run = new ProbeRun(spec, trace);

    const invalid = invalidAuth(spec);
    if (invalid) {
      return run.finish({
        status: 'FAIL',
        failure: 'auth-params',
        description: `invalid auth parameters: ${invalid}`,
        httpStatus: null,
        networkFailure: false,
      });
    }

    const deadline = new Deadline(spec.timeoutSeconds * 1000);
    const readBody = needsBody(spec);
    try {
      for (let attempt = 0; ; attempt++) {
        let headers = spec.headers;
        if (spec.auth.type === 'BASIC') {
          const token = Buffer.from(`${spec.auth.username}:${spec.auth.password}`).toString(
            'base64',
          );
          headers = { ...headers, authorization: `Basic ${token}` };
        } else if (spec.auth.type === 'OPENSTACK') {
          try {
            const token = await this.keystone.token(spec.auth, deadline.signal);
            headers = { ...headers, 'x-auth-token': token };
            run.step('auth', 'keystone token');
          } catch (err) {
            if (deadline.expired) return run.finish(run.timedOut());
            if (err instanceof KeystoneError) {
              run.step('auth', err.message);
              return run.finish({
                status: 'FAIL',
                failure: `keystone-${err.kind}`,
                description: err.message,
                httpStatus: null,
                networkFailure: false,
              });
            }
            throw err;
          }
        }

        let answer: Answer;
        let hop: Hop | undefined;
        run.redirects = 0;
        run.finalUrl = null;
        run.certificateExpiresAt = null;
        for (;;) {
          try {
            if (hop === undefined) {
              const route = (spec as Partial<PreparedSpec>).route ?? routeOf(spec.url);
              hop = {
                origin: route.origin,
                path: route.path,
                method: spec.method,
                body: spec.body ?? null,
                headers,
                ownHost: true,
              };
            }
            answer = await this.send(spec, hop, deadline, readBody);
          } catch (err) {
            run.step('request');
            if (deadline.expired) return run.finish(run.timedOut());
            const { kind, description } = describeNetworkError(err, run.host());
            return run.finish({
              status: 'FAIL',
              failure: kind,
              description,
              httpStatus: null,
              networkFailure: true,
            });
          }
          if (hop.origin.startsWith('https:')) this.noteCertificate(run, spec, hop);
          if (answer.location === undefined) break;
          const next = nextHop(hop, answer.status, answer.location, spec.credentialHeaders);
          if (next === null) break;
          run.step('request', `HTTP ${answer.status}, redirected`, answer.headersAt);
          if (run.redirects === MAX_REDIRECTS) {
            return run.finish({
              status: 'FAIL',
              failure: 'redirects',
              description: `too many redirects: more than ${MAX_REDIRECTS}, the next to ${next.url.origin}${next.url.pathname}`,
              httpStatus: answer.status,
              networkFailure: false,
            });
          }
          hop = next.hop;
          run.redirects += 1;
          run.finalUrl = shownUrl(next.url);
        }
        run.step('request', `HTTP ${answer.status}`, answer.headersAt);
        run.step('response');

        if (answer.status === 401 && spec.auth.type === 'OPENSTACK' && attempt === 0) {
          this.keystone.invalidate(spec.auth);
          continue;
        }

        const responseTimeMs = run.elapsed();
        let mismatch = evaluate(
          spec,
          {
            status: answer.status,
            responseTimeMs,
            body: answer.body,
            bodyRegex: await this.matchRegex(spec, answer),
          },
          () => credentialsOf(spec.auth, headers),
        );
        if (mismatch === null && spec.certificateExpiryDays !== undefined) {
          const expiresAt = run.certificateExpiresAt;
          if (expiresAt) mismatch = certificateMismatch(expiresAt, spec.certificateExpiryDays);
        }
        run.step('evaluation', mismatch?.description ?? 'as expected');
        return run.finish(
          mismatch
            ? {
                status: 'FAIL',
                failure: mismatch.kind,
                description: mismatch.description,
                httpStatus: answer.status,
                networkFailure: false,
              }
            : {
                status: 'PASS',
                description: 'OK',
                httpStatus: answer.status,
                networkFailure: false,
              },
        );
      }
    } finally {
      deadline.clear();
    }
  }

  /** Stops the prober's own regex thread, if it started one. */
  async close(): Promise<void> {
    if (this.ownsRegexThread) await this.regexThread?.close();
    if (this.ownsAgents) await this.agents.close();
  }

  /** Notes when the certificate of an HTTPS answer expires: the earliest over the redirects. */
  private noteCertificate(run: ProbeRun, spec: ProbeSpec, hop: Hop): void {
    const expiresAt = this.agents.certificateExpiry(spec.tls, hop.ownHost, hop.origin);
    if (expiresAt && (run.certificateExpiresAt === null || expiresAt < run.certificateExpiresAt)) {
      run.certificateExpiresAt = expiresAt;
    }
  }

  /**
   * The body regex's verdict, from the regex thread, when the answer's status is the expected
   * one (otherwise the status is the failure and the regex is not run).
   */
  private async matchRegex(spec: ProbeSpec, answer: Answer): Promise<RegexVerdict | undefined> {
    if (spec.bodyRegex === undefined || !statusExpected(spec, answer.status)) return undefined;
    this.regexThread ??= new RegexThread();
    return this.regexThread.test(spec.bodyRegex, answer.body ?? '');
  }

  /**
   * One request through the dispatcher of the target's TLS settings (targets without any share
   * the default one); resolves with the answer once its body is in.
   */
  private send(spec: ProbeSpec, hop: Hop, deadline: Deadline, readBody: boolean): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const max = readBody ? this.maxBodyBytes : DISCARD_LIMIT;
      const tls = spec.tls;
      const dispatcher = tls === undefined ? this.dispatcher : this.agents.for(tls, hop.ownHost);
      const options: Dispatcher.DispatchOptions & { servername?: string } = {
        origin: hop.origin,
        path: hop.path,
        method: hop.method,
        headers: hop.headers,
        body: hop.body,
        reset: spec.freshConnection ?? false,
        // the probe's deadline covers headers and body: no undici timers of its own per request
        headersTimeout: 0,
        bodyTimeout: 0,
      };
      // undici would send the URL's host name in SNI otherwise, whatever the agent says
      if (tls?.serverName !== undefined && hop.ownHost) options.servername = tls.serverName;
      dispatcher.dispatch(
        options,
        new AnswerHandler(deadline, readBody, max, spec.followRedirects ?? false, resolve, reject),
      );
    });
  }
}
