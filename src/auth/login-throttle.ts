export interface LoginLimits {
  /** Failed logins of one user name from one address within the window before it is refused. */
  maxFailures: number;
  /** Failed logins from one address, whatever the user names, before the address is refused. */
  maxAddressFailures: number;
  windowMs: number;
}

/** A login attempt that holds a slot until its password check has answered. */
export interface LoginAttempt {
  /** The password was wrong (or the user unknown): the slot becomes a failure. */
  failed(): void;
  /** The check succeeded or never ran: the slot is freed. */
  release(): void;
}

export type Admission =
  | { attempt: LoginAttempt; retryAfterSeconds?: undefined }
  | { attempt?: undefined; retryAfterSeconds: number };

/** Start times of failed attempts in the window and of attempts still being checked. */
interface Tally {
  failures: number[];
  pending: number[];
}

/** Longest user name kept as part of a key: longer ones cannot be users anyway (at most 64). */
const NAME_KEY_LENGTH = 128;

/**
 * Counts failed logins per (client address, user name) and per client address, in a sliding
 * window. An attempt takes a slot before its password is checked (`admit`, synchronously), so
 * that concurrent attempts are counted before any bcrypt work starts: with `maxFailures` 10, at
 * most 10 checks of one user name from one address run in a window, whatever the concurrency.
 * A failure is dated at the start of its attempt, so `retryAfterSeconds` is the real remaining
 * block once the attempts in flight have failed (and an upper bound while they are in flight).
 *
 * The per-address limit is higher: it stops one address from spraying many user names, while a
 * script failing for one user behind a shared (NAT) address does not lock out the others.
 */
export class LoginThrottle {
  private readonly pairs = new Map<string, Tally>();
  private readonly addresses = new Map<string, Tally>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  private static pairKey(address: string, username: string): string {
    return `${address}\0${username.slice(0, NAME_KEY_LENGTH)}`;
  }

  /**
   * Seconds until the failures already recorded let this user name from this address try
   * again, or 0 when they do not block it. Attempts in flight are not counted here: they are
   * what `admit` limits.
   */
  blockedSeconds(address: string, username: string): number {
    return Math.max(
      this.wait(this.pairs, LoginThrottle.pairKey(address, username), this.limits.maxFailures),
      this.wait(this.addresses, address, this.limits.maxAddressFailures),
    );
  }

  /**
   * Takes a slot for one password check, counting the failures in the window and the attempts
   * in flight as failures; refuses with the seconds until a slot frees up when none is left.
   */
  admit(address: string, username: string): Admission {
    const pairKey = LoginThrottle.pairKey(address, username);
    const wait = Math.max(
      this.wait(this.pairs, pairKey, this.limits.maxFailures, true),
      this.wait(this.addresses, address, this.limits.maxAddressFailures, true),
    );
    if (wait > 0) return { retryAfterSeconds: wait };
    const started = this.now();
    const pair = this.tally(this.pairs, pairKey);
    const own = this.tally(this.addresses, address);
    insertSorted(pair.pending, started);
    insertSorted(own.pending, started);
    let open = true;
    const close = (failed: boolean) => {
      if (!open) return;
      open = false;
      for (const [map, key, tally] of [
        [this.pairs, pairKey, pair],
        [this.addresses, address, own],
      ] as const) {
        tally.pending.splice(tally.pending.indexOf(started), 1);
        if (failed) insertSorted(tally.failures, started);
        if (tally.pending.length === 0 && tally.failures.length === 0) map.delete(key);
        else map.set(key, tally);
      }
      if (this.pairs.size > 100_000) this.prune();
    };
    return { attempt: { failed: () => close(true), release: () => close(false) } };
  }

  private tally(map: Map<string, Tally>, key: string): Tally {
    let tally = map.get(key);
    if (!tally) {
      tally = { failures: [], pending: [] };
      map.set(key, tally);
    }
    return tally;
  }

  /** Drops failures that left the window; forgets the key when nothing is left. */
  private current(map: Map<string, Tally>, key: string): Tally | undefined {
    const tally = map.get(key);
    if (!tally) return undefined;
    const since = this.now() - this.limits.windowMs;
    let expired = 0;
    while (expired < tally.failures.length && tally.failures[expired] <= since) expired++;
    if (expired > 0) tally.failures.splice(0, expired);
    if (tally.failures.length === 0 && tally.pending.length === 0) {
      map.delete(key);
      return undefined;
    }
    return tally;
  }

  /**
   * Seconds until fewer than `max` entries are left, when each entry (a failure, and an attempt
   * in flight counted as the failure it may become) leaves the window `windowMs` after it
   * started; 0 when there are fewer already.
   */
  private wait(map: Map<string, Tally>, key: string, max: number, withPending = false): number {
    const tally = this.current(map, key);
    if (!tally) return 0;
    const entries = withPending ? merge(tally.failures, tally.pending) : tally.failures;
    if (entries.length < max) return 0;
    const freeAt = entries[entries.length - max] + this.limits.windowMs;
    return Math.max(1, Math.ceil((freeAt - this.now()) / 1000));
  }

  private prune(): void {
    for (const key of [...this.pairs.keys()]) this.current(this.pairs, key);
    for (const key of [...this.addresses.keys()]) this.current(this.addresses, key);
  }
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > value) i--;
  list.splice(i, 0, value);
}

function merge(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] <= b[j])) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
