import { createHash } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { keystoneTokenUrl } from '../targets/keystone-url';
import { maskUrl } from './probe-log';
import type { KeystoneCredentials } from './probe-spec';

/**
 * Keystone refused the credentials (its HTTP status kept), has no token service at the URL
 * (`not-found`: 404, or 405 from a server that is no Keystone), or could not be reached.
 */
export class KeystoneError extends Error {
  constructor(
    readonly kind: 'rejected' | 'not-found' | 'unreachable',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'KeystoneError';
  }
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface KeystoneOptions {
  dispatcher?: Dispatcher;
  /** A token is renewed once it has less than this left (default 60 s). */
  renewBeforeMs?: number;
  now?: () => number;
}

function requestBody(c: KeystoneCredentials): unknown {
  if (c.keystoneVersion === 'v2.0') {
    return {
      auth: {
        passwordCredentials: { username: c.username, password: c.password },
        ...(c.tenantId ? { tenantId: c.tenantId } : { tenantName: c.tenantName }),
      },
    };
  }
  const project = c.projectId
    ? { id: c.projectId }
    : { name: c.projectName ?? c.tenantName, domain: { name: c.projectDomain ?? 'Default' } };
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: c.username,
            domain: { name: c.userDomain ?? 'Default' },
            password: c.password,
          },
        },
      },
      scope: { project },
    },
  };
}

/**
 * Fetches Keystone tokens (v3 and v2.0) and shares them between every target with the same
 * auth URL, user and project: one token request at a time per credential set, renewed shortly
 * before it expires, dropped on demand when a target answers 401.
 */
export class KeystoneTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  private readonly renewBeforeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: KeystoneOptions = {}) {
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The cache key: the credential set, with a digest of the password (never its value), so that
   * a target with a wrong password does not ride on the token another target obtained.
   */
  static keyOf(c: KeystoneCredentials): string {
    return JSON.stringify([
      keystoneTokenUrl(c.authUrl, c.keystoneVersion),
      createHash('sha256').update(c.password).digest('base64'),
      c.username,
      c.userDomain ?? '',
      c.projectId ?? '',
      c.projectName ?? '',
      c.projectDomain ?? '',
      c.tenantId ?? '',
      c.tenantName ?? '',
    ]);
  }

  /** A valid token for the credentials, from the cache when it is not about to expire. */
  async token(c: KeystoneCredentials, signal?: AbortSignal): Promise<string> {
    const key = KeystoneTokens.keyOf(c);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt - this.renewBeforeMs > this.now()) return cached.token;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchToken(c, signal).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const fresh = await pending;
    this.cache.set(key, fresh);
    return fresh.token;
  }

  /** Forgets the token of these credentials (the target refused it). */
  invalidate(c: KeystoneCredentials): void {
    this.cache.delete(KeystoneTokens.keyOf(c));
  }

  private async fetchToken(c: KeystoneCredentials, signal?: AbortSignal): Promise<CachedToken> {
    const url = keystoneTokenUrl(c.authUrl, c.keystoneVersion);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(requestBody(c)),
        dispatcher: this.options.dispatcher,
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      const code = (err as { code?: string }).code ?? (err as Error).message;
      throw new KeystoneError('unreachable', `Keystone unreachable: ${code}`);
    }
    const text = await res.body.text();
    if (res.statusCode === 404 || res.statusCode === 405) {
      throw new KeystoneError(
        'not-found',
        `Keystone endpoint not found (${res.statusCode} at ${maskUrl(url)})`,
        res.statusCode,
      );
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      throw new KeystoneError(
        'rejected',
        `Keystone rejected the credentials (status ${res.statusCode})`,
        res.statusCode,
      );
    }
    try {
      const json = JSON.parse(text) as {
        token?: { expires_at?: string };
        access?: { token?: { id?: string; expires?: string } };
      };
      const token =
        c.keystoneVersion === 'v3'
          ? (res.headers['x-subject-token'] as string | undefined)
          : json.access?.token?.id;
      const expires =
        c.keystoneVersion === 'v3' ? json.token?.expires_at : json.access?.token?.expires;
      const expiresAt = expires ? Date.parse(expires) : NaN;
      if (!token || Number.isNaN(expiresAt)) throw new Error('incomplete');
      return { token, expiresAt };
    } catch {
      throw new KeystoneError(
        'rejected',
        `Keystone answered ${res.statusCode} without a usable token`,
        res.statusCode,
      );
    }
  }
}
