import { createHmac, randomBytes } from 'node:crypto';

/**
 * Remembers credentials that were verified recently, so that a client sending the same
 * `Authorization` header again costs a keyed hash instead of a bcrypt comparison.
 * Entries are keyed by an HMAC of the credentials under a per-process random key: the cache
 * never holds a password, and a leaked key table reveals nothing without the key.
 */
export class CredentialCache<T> {
  private readonly secret = randomBytes(32);
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key of a credential pair: an HMAC under the per-process key, never the password. */
  key(username: string, password: string): string {
    return createHmac('sha256', this.secret)
      .update(username)
      .update('\0')
      .update(password)
      .digest('base64');
  }

  get(username: string, password: string): T | undefined {
    return this.getByKey(this.key(username, password));
  }

  set(username: string, password: string, value: T): void {
    this.setByKey(this.key(username, password), value);
  }

  getByKey(id: string): T | undefined {
    if (this.ttlMs <= 0) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  setByKey(id: string, value: T): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(id, { value, expires: this.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
