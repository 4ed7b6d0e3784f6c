import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EnvDto } from './env.validation';
import {
  apiSiteKeys,
  DEFAULT_SITES,
  parseSites,
  readApiSettings,
  type SiteConfig,
} from '../sites/site-config';
import { parseSecretKey, SECRET_KEY_FORMAT } from '../common/crypto/secret-box';
import { unknownEnvironmentVariables, unknownFileKeys } from './unknown-keys';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
export type Role = 'viewer' | 'operator' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export interface ConfiguredUser {
  name: string;
  passwordHash: string;
  role: Role;
}

export type DatabaseConfig =
  | { type: 'sqlite'; file: string; migrate: boolean }
  | {
      type: 'mysql';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      migrate: boolean;
    };

export interface HttpConfig {
  host: string;
  port: number;
  docsEnabled: boolean;
  trustProxy: boolean;
  /** A request's headers and body must have arrived within this, or it gets 408 and is closed. */
  requestTimeoutMs: number;
  /** A request's headers must have arrived within this (at most `requestTimeoutMs`). */
  headersTimeoutMs: number;
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

export interface LoggingConfig {
  level: LogLevel;
  format: 'text' | 'json';
}

export interface LivestatusConfig {
  /** Named sites (livestatus or Icinga 2 API), in configured order; the first is /query's default. */
  sites: SiteConfig[];
  connectTimeoutMs: number;
  /** From submitting a query (queue included) to the last byte of its answer. */
  timeoutMs: number;
  /** Connections open at once per site (Icinga 2 serves at most 4). */
  maxInFlight: number;
  /** Queries waiting per site beyond which new ones are refused with 503. */
  queueLimit: number;
  /** Reuse connections (`KeepAlive: on`): auto = over UNIX sockets only. */
  keepAlive: 'auto' | 'on' | 'off';
  /** How long a kept-alive connection may stay idle. */
  idleTimeoutMs: number;
  /** The largest livestatus answer accepted for format=json (which is built in memory). */
  maxJsonBytes: number;
}

export interface SecretsConfig {
  /** The key stored passwords are encrypted with (VIGIL_SECRET_KEY); null: use `keyFile`. */
  key: Buffer | null;
  /** The key being rotated out (VIGIL_SECRET_KEY_PREVIOUS): still read, never written. */
  previousKey: Buffer | null;
  /** Where the generated key is kept when VIGIL_SECRET_KEY is not set. */
  keyFile: string;
}

export interface CommandPipeConfig {
  /** Icinga's external command FIFO (the `pipe` transport). */
  pipePath: string;
  /** How commands go out unless a request says otherwise. */
  defaultTransport: 'pipe' | 'livestatus';
  /** How `/cmd` sends a command without `handler` (livestatus, as livestatus-service did). */
  legacyTransport: 'pipe' | 'livestatus';
}

export interface ProbingConfig {
  /** Whether targets are probed on their schedule (VIGIL_PROBING_ENABLED). */
  enabled: boolean;
  /** The probe log file, one line per probe. */
  logFile: string;
  /** `text` lines as skypunch wrote them, or `json`: one JSON object per line. */
  logFormat: 'text' | 'json';
  /** The probe log is rotated once it would grow past this size. */
  logMaxBytes: number;
  /** Rotated probe logs kept (`probe.log.1` … `probe.log.<keep>`). */
  logKeep: number;
  /** Probes (sockets) in flight at once; more wait for a slot. */
  concurrency: number;
  /** Probe results older than this are pruned. */
  retentionDays: number;
  /**
   * Probes waiting to be written at most, kept while the database is unavailable; beyond it the
   * oldest are dropped (those that changed a target's status last) and counted.
   */
  buffer: number;
}

export interface NotificationsConfig {
  /** A delivery still failing this long after it was written is given up (marked dead). */
  maxAgeMs: number;
  /** Delay before the first retry; doubled for each further attempt. */
  retryBaseMs: number;
  /** The longest delay between two attempts. */
  retryMaxMs: number;
  /** How often the delivery worker looks for due deliveries. */
  pollMs: number;
  /** Connection, greeting and socket timeout of one SMTP conversation. */
  smtpTimeoutMs: number;
}

/** The validated configuration of one vigil process. Each module reads its own part. */
export class AppConfig {
  constructor(
    readonly dataDir: string,
    readonly http: HttpConfig,
    readonly database: DatabaseConfig,
    readonly auth: AuthConfig,
    readonly logging: LoggingConfig,
    readonly livestatus: LivestatusConfig,
    readonly secrets: SecretsConfig,
    readonly commandPipe: CommandPipeConfig,
    readonly probing: ProbingConfig,
    readonly notifications: NotificationsConfig,
    /** Problems that do not stop start-up (unknown VIGIL_* variables), logged once when it starts. */
    readonly warnings: readonly string[] = [],
  ) {}
}

/** Raised when configuration is invalid; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readConfigFile(path: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`VIGIL_CONFIG: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  problems.push(`VIGIL_CONFIG: ${path} must hold a JSON object of VIGIL_* keys`);
  return {};
}

/** Settings whose values may hold credentials: never echoed in a problem. */
const SECRET_SETTING = /URL|USERS|PASSWORD|SECRET|KEY/;

function flatten(errors: ValidationError[]): string[] {
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) => {
      const text = message.startsWith(`${e.property} `)
        ? message.slice(e.property.length + 1)
        : message;
      const shown = SECRET_SETTING.test(e.property) ? '' : ` (got ${JSON.stringify(e.value)})`;
      return `${e.property}: ${text}${shown}`;
    }),
  );
  return [...new Set(problems)];
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

function parseDatabase(url: string | undefined, dataDir: string, migrate: boolean): DatabaseConfig {
  if (!url) return { type: 'sqlite', file: join(dataDir, 'vigil.sqlite'), migrate };
  if (url.startsWith('sqlite:')) return { type: 'sqlite', file: resolve(url.slice(7)), migrate };
  const parsed = new URL(url);
  return {
    type: 'mysql',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    migrate,
  };
}

/**
 * Reads VIGIL_* settings from the environment, over those of the JSON file named by VIGIL_CONFIG,
 * validates them all and returns the typed configuration, or throws a ConfigError listing every problem.
 * A key of the file that is no setting is a problem (the file is vigil's alone); an unknown VIGIL_*
 * environment variable is only a warning (the environment is shared with other tools).
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const fromFile = env.VIGIL_CONFIG ? readConfigFile(env.VIGIL_CONFIG, problems) : {};
  // unknown keys of the file are listed first, once the configured sites tell which are settings
  const fileProblemsAt = problems.length;
  const raw: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('VIGIL_') && key !== 'VIGIL_CONFIG' && value !== undefined && value !== '') {
      raw[key] = value;
    }
  }
  const dto = plainToInstance(EnvDto, raw);
  problems.push(...flatten(validateSync(dto)));

  const dataDir = resolve(dto.VIGIL_DATA_DIR ?? './data');
  let users: ConfiguredUser[] = [];
  if (typeof dto.VIGIL_USERS === 'string') {
    users = parseUsers(dto.VIGIL_USERS, 'VIGIL_USERS', problems);
  }
  if (typeof dto.VIGIL_USERS_FILE === 'string') {
    try {
      const fileUsers = parseUsers(
        readFileSync(dto.VIGIL_USERS_FILE, 'utf8'),
        'VIGIL_USERS_FILE',
        problems,
      );
      for (const u of fileUsers) {
        if (users.some((other) => other.name === u.name)) {
          problems.push(`VIGIL_USERS_FILE: user ${u.name} is also defined in VIGIL_USERS`);
        } else users.push(u);
      }
    } catch (err) {
      problems.push(
        `VIGIL_USERS_FILE: cannot read ${dto.VIGIL_USERS_FILE} (${(err as NodeJS.ErrnoException).code})`,
      );
    }
  }
  const sites = configuredSites(dto, raw, problems);
  const siteKeys = apiSiteKeys(sites);
  if (env.VIGIL_CONFIG) {
    problems.splice(fileProblemsAt, 0, ...unknownFileKeys(fromFile, env.VIGIL_CONFIG, siteKeys));
  }
  const secretKey = (name: 'VIGIL_SECRET_KEY' | 'VIGIL_SECRET_KEY_PREVIOUS'): Buffer | null => {
    const text = dto[name];
    if (typeof text !== 'string') return null;
    const key = parseSecretKey(text);
    if (!key) problems.push(`${name}: ${SECRET_KEY_FORMAT}`);
    return key;
  };
  const secrets: SecretsConfig = {
    key: secretKey('VIGIL_SECRET_KEY'),
    previousKey: secretKey('VIGIL_SECRET_KEY_PREVIOUS'),
    keyFile: join(dataDir, 'secret.key'),
  };
  const maxFailures = dto.VIGIL_AUTH_MAX_FAILURES ?? 10;
  const maxAddressFailures = dto.VIGIL_AUTH_MAX_ADDRESS_FAILURES ?? 5 * maxFailures;
  if (maxAddressFailures < maxFailures) {
    problems.push(
      `VIGIL_AUTH_MAX_ADDRESS_FAILURES: must be at least VIGIL_AUTH_MAX_FAILURES (${maxFailures})`,
    );
  }
  // bcrypt shares libuv's threadpool with the DNS lookups of probes: leave them a thread
  const threadpool = Number(env.UV_THREADPOOL_SIZE) || 4;
  const bcryptConcurrency =
    dto.VIGIL_AUTH_BCRYPT_CONCURRENCY ?? Math.max(1, Math.min(2, threadpool - 1));
  if (bcryptConcurrency > Math.max(1, threadpool - 1)) {
    problems.push(
      `VIGIL_AUTH_BCRYPT_CONCURRENCY: must be below the libuv threadpool size ` +
        `(UV_THREADPOOL_SIZE, ${threadpool}) so that DNS lookups of probes keep a thread`,
    );
  }
  const requestTimeoutMs = dto.VIGIL_HTTP_REQUEST_TIMEOUT_MS ?? 30_000;
  const headersTimeoutMs = dto.VIGIL_HTTP_HEADERS_TIMEOUT_MS ?? Math.min(10_000, requestTimeoutMs);
  if (headersTimeoutMs > requestTimeoutMs) {
    problems.push(
      'VIGIL_HTTP_HEADERS_TIMEOUT_MS: must not be more than VIGIL_HTTP_REQUEST_TIMEOUT_MS ' +
        `(got ${headersTimeoutMs} > ${requestTimeoutMs})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return new AppConfig(
    dataDir,
    {
      host: dto.VIGIL_HOST ?? '0.0.0.0',
      port: dto.VIGIL_PORT ?? 8080,
      docsEnabled: dto.VIGIL_DOCS_ENABLED ?? true,
      trustProxy: dto.VIGIL_TRUST_PROXY ?? false,
      requestTimeoutMs,
      headersTimeoutMs,
    },
    parseDatabase(dto.VIGIL_DATABASE_URL, dataDir, dto.VIGIL_DATABASE_MIGRATE ?? true),
    {
      users,
      cacheSeconds: dto.VIGIL_AUTH_CACHE_SECONDS ?? 60,
      maxFailures,
      maxAddressFailures,
      failureWindowSeconds: dto.VIGIL_AUTH_FAILURE_WINDOW_SECONDS ?? 60,
      bcryptConcurrency,
      bcryptQueue: dto.VIGIL_AUTH_BCRYPT_QUEUE ?? 32,
    },
    { level: dto.VIGIL_LOG_LEVEL ?? 'log', format: dto.VIGIL_LOG_FORMAT ?? 'text' },
    {
      sites,
      connectTimeoutMs: dto.VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS ?? 1000,
      timeoutMs: dto.VIGIL_LIVESTATUS_TIMEOUT_MS ?? 10000,
      maxInFlight: dto.VIGIL_LIVESTATUS_MAX_IN_FLIGHT ?? 3,
      queueLimit: dto.VIGIL_LIVESTATUS_QUEUE_LIMIT ?? 100,
      keepAlive: dto.VIGIL_LIVESTATUS_KEEPALIVE ?? 'auto',
      idleTimeoutMs: dto.VIGIL_LIVESTATUS_IDLE_MS ?? 500,
      maxJsonBytes: dto.VIGIL_LIVESTATUS_MAX_JSON_BYTES ?? 32 * 1024 * 1024,
    },
    secrets,
    {
      pipePath: dto.VIGIL_COMMAND_PIPE ?? '/var/run/icinga2/cmd/icinga2.cmd',
      defaultTransport: dto.VIGIL_COMMAND_TRANSPORT ?? 'pipe',
      legacyTransport: dto.VIGIL_LEGACY_CMD_HANDLER ?? 'livestatus',
    },
    {
      enabled: dto.VIGIL_PROBING_ENABLED ?? true,
      logFile: resolve(dto.VIGIL_PROBE_LOG ?? join(dataDir, 'probe.log')),
      logFormat: dto.VIGIL_PROBE_LOG_FORMAT ?? 'text',
      logMaxBytes: dto.VIGIL_PROBE_LOG_MAX_BYTES ?? 10 * 1024 * 1024,
      logKeep: dto.VIGIL_PROBE_LOG_KEEP ?? 5,
      concurrency: dto.VIGIL_PROBE_CONCURRENCY ?? 256,
      retentionDays: dto.VIGIL_PROBE_RETENTION_DAYS ?? 30,
      buffer: dto.VIGIL_PROBE_BUFFER ?? 100_000,
    },
    {
      maxAgeMs: (dto.VIGIL_NOTIFY_MAX_AGE_HOURS ?? 24) * 3_600_000,
      retryBaseMs: dto.VIGIL_NOTIFY_RETRY_BASE_MS ?? 30_000,
      retryMaxMs: dto.VIGIL_NOTIFY_RETRY_MAX_MS ?? 3_600_000,
      pollMs: dto.VIGIL_NOTIFY_POLL_MS ?? 1000,
      smtpTimeoutMs: dto.VIGIL_NOTIFY_SMTP_TIMEOUT_MS ?? 10_000,
    },
    unknownEnvironmentVariables(env, siteKeys),
  );
}

/** VIGIL_SITES, or its older name VIGIL_LIVESTATUS_SITES, with each API site's settings. */
function configuredSites(
  dto: EnvDto,
  raw: Record<string, unknown>,
  problems: string[],
): SiteConfig[] {
  if (dto.VIGIL_SITES !== undefined && dto.VIGIL_LIVESTATUS_SITES !== undefined) {
    problems.push(
      'VIGIL_SITES and VIGIL_LIVESTATUS_SITES: set only VIGIL_SITES (VIGIL_LIVESTATUS_SITES is its older name)',
    );
    return [];
  }
  const key = dto.VIGIL_SITES !== undefined ? 'VIGIL_SITES' : 'VIGIL_LIVESTATUS_SITES';
  const text = dto[key];
  if (typeof text !== 'string') return [...DEFAULT_SITES];
  const sites = parseSites(text, key, problems);
  readApiSettings(sites, raw, problems);
  return sites;
}
