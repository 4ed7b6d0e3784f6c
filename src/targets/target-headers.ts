/**
 * Request headers of a target, plain or secret. A secret header's value is write-only: stored
 * encrypted, sent to the target, never answered or logged. Plain TypeScript, no Nest.
 */

/** Headers that carry credentials: secret whatever the request says (compared ignoring case). */
export const ALWAYS_SECRET_HEADERS = [
  'Authorization',
  'Proxy-Authorization',
  'X-Auth-Token',
  'Cookie',
  'X-Api-Key',
] as const;

const ALWAYS_SECRET = new Set(ALWAYS_SECRET_HEADERS.map((name) => name.toLowerCase()));

export function isAlwaysSecret(name: string): boolean {
  return ALWAYS_SECRET.has(name.toLowerCase());
}

/**
 * A header as a request gives it: its value (plain, unless the name is always secret), or an
 * object: `{ value, secret: true }` for a secret one, `{ secret: true }` to keep the stored value
 * of a secret header. `hasValue` is allowed (and ignored) so that a header as answered can be
 * sent back unchanged.
 */
export type HeaderInput = string | { value?: string; secret?: boolean; hasValue?: boolean };

/** A secret header as answered: never its value. */
export interface SecretHeaderView {
  secret: true;
  hasValue: boolean;
}

export type HeaderView = string | SecretHeaderView;

/** The stored form: plain values, and secret values as the encrypt function gave them. */
export interface StoredHeaders {
  plain: Record<string, string>;
  /** Name → encrypted value. */
  secret: Record<string, string>;
}

export interface HeaderCrypto {
  encrypt(value: string): string;
  /** A stored value to keep (written again with the current key when that is due). */
  keep(stored: string): string;
}

/**
 * Splits the requested headers into plain and secret ones. A secret header without a value keeps
 * the stored value of the secret header of that name (ignoring case), as a left-out password
 * does; without one stored, it is a problem for the returned list (which names the header, never
 * a value).
 */
export function storeHeaders(
  input: Record<string, HeaderInput>,
  stored: StoredHeaders | null,
  crypto: HeaderCrypto,
): { headers: StoredHeaders; problems: { field: string; message: string }[] } {
  const headers: StoredHeaders = { plain: {}, secret: {} };
  const problems: { field: string; message: string }[] = [];
  const storedSecret = new Map(
    Object.entries(stored?.secret ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  // a legacy plain value of an always-secret header counts as stored too
  for (const [name, value] of Object.entries(stored?.plain ?? {})) {
    if (isAlwaysSecret(name) && !storedSecret.has(name.toLowerCase())) {
      storedSecret.set(name.toLowerCase(), crypto.encrypt(value));
    }
  }
  for (const [name, given] of Object.entries(input)) {
    const value = typeof given === 'string' ? given : given.value;
    const secret = isAlwaysSecret(name) || (typeof given === 'object' && given.secret === true);
    if (!secret) {
      if (value === undefined) {
        problems.push({ field: `headers.${name}`, message: `${name}: value is required` });
      } else headers.plain[name] = value;
      continue;
    }
    if (value !== undefined) {
      headers.secret[name] = crypto.encrypt(value);
      continue;
    }
    const kept = storedSecret.get(name.toLowerCase());
    if (kept !== undefined) headers.secret[name] = crypto.keep(kept);
    else {
      problems.push({
        field: `headers.${name}`,
        message: `${name}: value is required (no stored value of this secret header to keep)`,
      });
    }
  }
  return { headers, problems };
}

/**
 * The stored headers to keep as they are, with always-secret headers that an older version
 * stored in plain moved to the secret ones, and secret values written again when due.
 */
export function secureStoredHeaders(stored: StoredHeaders, crypto: HeaderCrypto): StoredHeaders {
  const out: StoredHeaders = { plain: {}, secret: {} };
  for (const [name, value] of Object.entries(stored.plain)) {
    if (isAlwaysSecret(name)) out.secret[name] = crypto.encrypt(value);
    else out.plain[name] = value;
  }
  for (const [name, value] of Object.entries(stored.secret)) out.secret[name] = crypto.keep(value);
  return out;
}

/** The headers as answered: plain values, and `{ secret: true, hasValue: true }` for secret ones. */
export function headersView(stored: StoredHeaders): Record<string, HeaderView> {
  const view: Record<string, HeaderView> = {};
  for (const [name, value] of Object.entries(stored.plain)) {
    view[name] = isAlwaysSecret(name) ? { secret: true, hasValue: true } : value;
  }
  for (const name of Object.keys(stored.secret)) view[name] = { secret: true, hasValue: true };
  return view;
}

/** The headers to send: plain and secret ones, the secret values decrypted. */
export function headersToSend(
  stored: StoredHeaders,
  decrypt: (value: string) => string,
): Record<string, string> {
  const names = Object.keys(stored.secret);
  if (!names.length) return stored.plain;
  const out = { ...stored.plain };
  for (const name of names) out[name] = decrypt(stored.secret[name]);
  return out;
}
