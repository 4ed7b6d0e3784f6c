import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import { evaluate, needsBody } from './evaluate';
import { KeystoneError, KeystoneTokens } from './keystone';
import type { FailureKind, ProbeResult, ProbeSpec, ProbeStep } from './probe-spec';

export interface HttpProberOptions {
  /** The undici dispatcher (connection pool); the global one when absent. */
  dispatcher?: Dispatcher;
  keystone?: KeystoneTokens;
  /** At most this much of a body is read for the expectations (default 1 MiB). */
  maxBodyBytes?: number;
}

class DeadlineExceeded extends Error {}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** Names the reason a request got no HTTP answer. */
export function describeNetworkError(
  err: unknown,
  host: string,
): { kind: FailureKind; description: string } {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e.code && e.code !== 'UND_ERR_CONNECT' ? e.code : (e.cause?.code ?? e.code ?? '');
  if (code === 'ECONNREFUSED')
    return { kind: 'refused', description: 'cannot connect: connection refused' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { kind: 'reset', description: 'cannot connect: connection reset by the target' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return { kind: 'dns', description: `cannot connect: DNS lookup failed for ${host}` };
  }
  if (TLS_CODE.test(code))
    return { kind: 'tls', description: `cannot connect: TLS error (${code})` };
  return {
    kind: 'network',
    description: `cannot connect: ${code || e.message || 'network error'}`,
  };
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

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(size + buf.length > max ? buf.subarray(0, max - size) : buf);
    size += buf.length;
    if (size >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
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

  constructor(private readonly options: HttpProberOptions = {}) {
    this.keystone = options.keystone ?? new KeystoneTokens({ dispatcher: options.dispatcher });
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  }

  async probe(spec: ProbeSpec): Promise<ProbeResult> {
    const startedAt = new Date();
    const t0 = performance.now();
    const steps: ProbeStep[] = [];
    let mark = t0;
    const step = (name: ProbeStep['step'], detail?: string) => {
      const now = performance.now();
      steps.push({
        step: name,
        ms: Math.round((now - mark) * 10) / 10,
        ...(detail ? { detail } : {}),
      });
      mark = now;
    };
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DeadlineExceeded()),
      spec.timeoutSeconds * 1000,
    );
    const finish = (
      partial: Pick<ProbeResult, 'status' | 'description' | 'httpStatus' | 'networkFailure'> & {
        failure?: FailureKind;
      },
    ): ProbeResult => ({
      ...partial,
      responseTimeMs: Math.round((performance.now() - t0) * 10) / 10,
      startedAt,
      steps,
    });
    const host = () => {
      try {
        return new URL(spec.url).hostname;
      } catch {
        return spec.url;
      }
    };
    const timedOut = () => ({
      status: 'FAIL' as const,
      failure: 'timeout' as const,
      description: `timeout after ${spec.timeoutSeconds} s`,
      httpStatus: null,
      networkFailure: true,
    });

    const invalid = invalidAuth(spec);
    if (invalid) {
      clearTimeout(timer);
      return finish({
        status: 'FAIL',
        failure: 'auth-params',
        description: `invalid auth parameters: ${invalid}`,
        httpStatus: null,
        networkFailure: false,
      });
    }

    try {
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = { ...(spec.headers ?? {}) };
        if (spec.auth.type === 'BASIC') {
          const token = Buffer.from(`${spec.auth.username}:${spec.auth.password}`).toString(
            'base64',
          );
          headers.authorization = `Basic ${token}`;
        } else if (spec.auth.type === 'OPENSTACK') {
          try {
            headers['x-auth-token'] = await this.keystone.token(spec.auth, controller.signal);
            step('auth', 'keystone token');
          } catch (err) {
            if (controller.signal.aborted) return finish(timedOut());
            if (err instanceof KeystoneError) {
              step('auth', err.message);
              return finish({
                status: 'FAIL',
                failure: err.kind === 'rejected' ? 'keystone-rejected' : 'keystone-unreachable',
                description: err.message,
                httpStatus: null,
                networkFailure: false,
              });
            }
            throw err;
          }
        }

        let res: Dispatcher.ResponseData;
        try {
          res = await request(spec.url, {
            method: spec.method,
            headers,
            body: spec.body,
            signal: controller.signal,
            dispatcher: this.options.dispatcher,
            reset: spec.freshConnection ?? false,
          });
        } catch (err) {
          step('request');
          if (controller.signal.aborted) return finish(timedOut());
          const { kind, description } = describeNetworkError(err, host());
          return finish({
            status: 'FAIL',
            failure: kind,
            description,
            httpStatus: null,
            networkFailure: true,
          });
        }
        step('request', `HTTP ${res.statusCode}`);

        if (res.statusCode === 401 && spec.auth.type === 'OPENSTACK' && attempt === 0) {
          await res.body.dump();
          this.keystone.invalidate(spec.auth);
          continue;
        }

        let body: string | undefined;
        try {
          if (needsBody(spec)) body = await readCapped(res.body, this.maxBodyBytes);
          else await res.body.dump();
        } catch (err) {
          step('response');
          if (controller.signal.aborted) return finish(timedOut());
          const { kind, description } = describeNetworkError(err, host());
          return finish({
            status: 'FAIL',
            failure: kind,
            description,
            httpStatus: res.statusCode,
            networkFailure: false,
          });
        }
        step('response');
        const responseTimeMs = performance.now() - t0;
        const mismatch = evaluate(spec, { status: res.statusCode, responseTimeMs, body });
        step('evaluation', mismatch?.description ?? 'as expected');
        return finish(
          mismatch
            ? {
                status: 'FAIL',
                failure: mismatch.kind,
                description: mismatch.description,
                httpStatus: res.statusCode,
                networkFailure: false,
              }
            : {
                status: 'PASS',
                description: 'OK',
                httpStatus: res.statusCode,
                networkFailure: false,
              },
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
