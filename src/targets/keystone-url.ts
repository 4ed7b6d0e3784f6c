import type { KeystoneVersion } from './target.entity';

/** What a Keystone auth URL says: the API version it names (if any) and the URL above it. */
export interface KeystoneUrl {
  /** `v3` or `v2.0` when the URL names one, else null (the target's keystoneVersion decides). */
  version: KeystoneVersion | null;
  /** The URL without version, token path and trailing slashes: `https://ks:5000/identity`. */
  base: string;
}

/** `/v3`, `/v3/auth/tokens`, `/v2.0`, `/v2.0/tokens` at the end of the path, slashes allowed after. */
const VERSIONED = /\/(v3(?:\/auth\/tokens)?|v2\.0(?:\/tokens)?)\/*$/i;

/**
 * Reads an auth URL in any of the forms people write: the service root (`…/v3`, `…/v2.0`), the
 * token URL itself (`…/v3/auth/tokens`, `…/v2.0/tokens`, which skypunch POSTed to as written),
 * or no version at all, each with or without a trailing slash and under any path prefix.
 */
export function parseKeystoneUrl(authUrl: string): KeystoneUrl {
  const [path, ...rest] = authUrl.split(/(?=[?#])/);
  const suffix = rest.join('');
  const m = VERSIONED.exec(path);
  if (!m) return { version: null, base: path.replace(/\/+$/, '') + suffix };
  const version: KeystoneVersion = m[1].toLowerCase().startsWith('v3') ? 'v3' : 'v2.0';
  return { version, base: path.slice(0, m.index) + suffix };
}

/** The URL a token is requested from: `{base}/v3/auth/tokens` or `{base}/v2.0/tokens`. */
export function keystoneTokenUrl(authUrl: string, version: KeystoneVersion): string {
  const { base } = parseKeystoneUrl(authUrl);
  const [path, ...rest] = base.split(/(?=[?#])/);
  return `${path}${version === 'v3' ? '/v3/auth/tokens' : '/v2.0/tokens'}${rest.join('')}`;
}
