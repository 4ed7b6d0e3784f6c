import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { compare, hash } from 'bcrypt';
import { randomBytes } from 'node:crypto';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../app.config';
import { BoundedConcurrency, QueueFullError } from './bounded-concurrency';

export const BCRYPT_ROUNDS = 12;

/**
 * Thrown when more password checks are waiting than the queue holds. 503 rather than 429: the
 * queue is full because of all clients together, so this caller may well be a user who did
 * nothing wrong; 503 with Retry-After says "the server is busy, come back", as vigil already
 * answers when a livestatus queue is full. It does not count as a failed login.
 */
export class PasswordChecksBusyException extends ProblemException {
  constructor(retryAfterSeconds: number) {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      `Too many logins are being checked; try again in ${retryAfterSeconds} s`,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
  }
}

/** The cost factor of a bcrypt hash (`$2b$12$…` → 12), or undefined when it is not one. */
export function bcryptCost(passwordHash: string): number | undefined {
  const match = /^\$2[aby]\$(\d{2})\$/.exec(passwordHash);
  return match ? Number(match[1]) : undefined;
}

/**
 * Every bcrypt computation of the process: password checks and new hashes.
 *
 * bcrypt's async API runs in libuv's threadpool (UV_THREADPOOL_SIZE, 4 threads by default),
 * which DNS lookups (`getaddrinfo`, used by every probe of a target named by host name) and file
 * system calls share. Unbounded, a burst of logins fills all four threads with bcrypt for
 * seconds and probes fail with false timeouts. So at most `VIGIL_AUTH_BCRYPT_CONCURRENCY`
 * computations run at once, always fewer than the threadpool's threads (config refuses more),
 * and at most `VIGIL_AUTH_BCRYPT_QUEUE` wait; further checks are refused with 503 and
 * Retry-After (the server is busy, not this client: see PasswordChecksBusyException).
 *
 * An unknown user is checked against a dummy hash of the same cost as the real ones, made once
 * at start-up, so that it costs as long as a wrong password and does not reveal which names exist.
 */
@Injectable()
export class PasswordChecker implements OnModuleInit {
  private readonly gate: BoundedConcurrency;
  private readonly dummyCost: number;
  private dummyHash: string | undefined;
  private checks = 0;

  constructor(config: AppConfig) {
    this.gate = new BoundedConcurrency(config.auth.bcryptConcurrency, config.auth.bcryptQueue);
    // the dearest cost of the configured users, so that no real user costs more than a stranger
    const costs = config.auth.users.map((u) => bcryptCost(u.passwordHash) ?? BCRYPT_ROUNDS);
    this.dummyCost = costs.length > 0 ? Math.max(...costs) : BCRYPT_ROUNDS;
  }

  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  /** bcrypt comparisons run so far (the dummy's included): what a login has cost. */
  get comparisons(): number {
    return this.checks;
  }

  /**
   * Whether `password` matches `passwordHash`; with no hash (an unknown user) it is compared
   * against the dummy and the answer is false.
   */
  async check(password: string, passwordHash: string | null): Promise<boolean> {
    const against = passwordHash ?? (await this.dummy());
    const matches = await this.limited(() => {
      this.checks++;
      return compare(password, against);
    });
    return matches && passwordHash !== null;
  }

  /** A new bcrypt hash of `password` at BCRYPT_ROUNDS. */
  hash(password: string): Promise<string> {
    return this.limited(() => hash(password, BCRYPT_ROUNDS));
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(work);
    } catch (err) {
      if (err instanceof QueueFullError) {
        throw new PasswordChecksBusyException(err.retryAfterSeconds);
      }
      throw err;
    }
  }

  private async dummy(): Promise<string> {
    this.dummyHash ??= await hash(randomBytes(18).toString('base64'), this.dummyCost);
    return this.dummyHash;
  }
}
