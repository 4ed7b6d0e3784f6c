import { readFileSync } from 'node:fs';
import { configSlice } from '../config/config-slice';
import { IntegerIn, Text } from '../config/settings';
import { ROLES, type Role } from './roles';

export interface ConfiguredUser {
  name: string;
  passwordHash: string;
  role: Role;
}

export interface AuthConfig {
  /** Users from VIGIL_USERS and VIGIL_USERS_FILE; when empty, users stored in the database apply. */
  users: ConfiguredUser[];
  cacheSeconds: number;
  /** Failed logins of one user name from one address in the window before 429. */
  maxFailures: number;
  /** Failed logins from one address, across user names, in the window before 429. */
  maxAddressFailures: number;
  failureWindowSeconds: number;
  /** bcrypt computations at once; always below the libuv threadpool size (see PasswordChecker). */
  bcryptConcurrency: number;
  /** Password checks waiting for bcrypt beyond which logins get 503. */
  bcryptQueue: number;
}

export class AuthSettings {
  @Text()
  VIGIL_USERS?: string;

  @Text()
  VIGIL_USERS_FILE?: string;

  @IntegerIn(0, 3600, 'seconds')
  VIGIL_AUTH_CACHE_SECONDS?: number;

  @IntegerIn(1, 10_000)
  VIGIL_AUTH_MAX_FAILURES?: number;

  @IntegerIn(1, 86_400, 'seconds')
  VIGIL_AUTH_FAILURE_WINDOW_SECONDS?: number;

  @IntegerIn(1, 100_000)
  VIGIL_AUTH_MAX_ADDRESS_FAILURES?: number;

  @IntegerIn(1, 64)
  VIGIL_AUTH_BCRYPT_CONCURRENCY?: number;

  @IntegerIn(0, 10_000)
  VIGIL_AUTH_BCRYPT_QUEUE?: number;
}

/**
 * Parses users written as `name:bcrypt-hash:role`, separated by commas or new lines.
 * `#` starts a comment line in a users file.
 */
export function parseUsers(text: string, source: string, problems: string[]): ConfiguredUser[] {
  const users: ConfiguredUser[] = [];
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  entries.forEach((entry, index) => {
    const parts = entry.split(':');
    const [name, passwordHash, role] = parts;
    const where = `${source}: entry ${index + 1}`;
    if (parts.length !== 3 || !name || !passwordHash || !role) {
      problems.push(`${where} must be name:bcrypt-hash:role`);
      return;
    }
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      problems.push(`${where}: user name must be 1-64 letters, digits or . _ @ -`);
      return;
    }
    if (!/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(passwordHash)) {
      problems.push(`${where} (${name}): password must be a bcrypt hash ($2b$...)`);
      return;
    }
    if (!ROLES.includes(role as Role)) {
      problems.push(`${where} (${name}): role must be one of ${ROLES.join(', ')}`);
      return;
    }
    if (users.some((u) => u.name === name)) {
      problems.push(`${where}: user ${name} is defined twice`);
      return;
    }
    users.push({ name, passwordHash, role: role as Role });
  });
  return users;
}

function configuredUsers(s: AuthSettings, problems: string[]): ConfiguredUser[] {
  const users =
    s.VIGIL_USERS === undefined ? [] : parseUsers(s.VIGIL_USERS, 'VIGIL_USERS', problems);
  if (s.VIGIL_USERS_FILE === undefined) return users;
  let text: string;
  try {
    text = readFileSync(s.VIGIL_USERS_FILE, 'utf8');
  } catch (err) {
    problems.push(
      `VIGIL_USERS_FILE: cannot read ${s.VIGIL_USERS_FILE} (${(err as NodeJS.ErrnoException).code})`,
    );
    return users;
  }
  for (const u of parseUsers(text, 'VIGIL_USERS_FILE', problems)) {
    if (users.some((other) => other.name === u.name)) {
      problems.push(`VIGIL_USERS_FILE: user ${u.name} is also defined in VIGIL_USERS`);
    } else users.push(u);
  }
  return users;
}

export const authSlice = configSlice({
  settings: AuthSettings,
  build(s, { env, problems }): AuthConfig {
    const users = configuredUsers(s, problems);
    const maxFailures = s.VIGIL_AUTH_MAX_FAILURES ?? 10;
    const maxAddressFailures = s.VIGIL_AUTH_MAX_ADDRESS_FAILURES ?? 5 * maxFailures;
    if (maxAddressFailures < maxFailures) {
      problems.push(
        `VIGIL_AUTH_MAX_ADDRESS_FAILURES: must be at least VIGIL_AUTH_MAX_FAILURES (${maxFailures})`,
      );
    }
    // bcrypt shares libuv's threadpool with the DNS lookups of probes: leave them a thread
    const threadpool = Number(env.UV_THREADPOOL_SIZE) || 4;
    const bcryptConcurrency =
      s.VIGIL_AUTH_BCRYPT_CONCURRENCY ?? Math.max(1, Math.min(2, threadpool - 1));
    if (bcryptConcurrency > Math.max(1, threadpool - 1)) {
      problems.push(
        `VIGIL_AUTH_BCRYPT_CONCURRENCY: must be below the libuv threadpool size ` +
          `(UV_THREADPOOL_SIZE, ${threadpool}) so that DNS lookups of probes keep a thread`,
      );
    }
    return {
      users,
      cacheSeconds: s.VIGIL_AUTH_CACHE_SECONDS ?? 60,
      maxFailures,
      maxAddressFailures,
      failureWindowSeconds: s.VIGIL_AUTH_FAILURE_WINDOW_SECONDS ?? 60,
      bcryptConcurrency,
      bcryptQueue: s.VIGIL_AUTH_BCRYPT_QUEUE ?? 32,
    };
  },
});
