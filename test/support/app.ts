import { ConsoleLogger, INestApplication } from '@nestjs/common';
import { hashSync } from 'bcrypt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type CreateAppOptions } from '../../src/bootstrap';
import { type AppConfig, loadConfig } from '../../src/app.config';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './database';

/** Users every test app knows, one per role. */
export const TEST_USERS = {
  admin: { name: 'ada', password: 'admin-secret-Pa55' },
  operator: { name: 'otto', password: 'operator-secret-Pa55' },
  viewer: { name: 'vera', password: 'viewer-secret-Pa55' },
} as const;

export const TEST_USERS_SETTING = Object.entries(TEST_USERS)
  .map(([role, u]) => `${u.name}:${hashSync(u.password, 4)}:${role}`)
  .join(',');

export function basicAuth(user: { name: string; password: string }): string {
  return `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;
}

/** Records every log line so tests can assert on what is (and is not) logged. */
export class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];

  constructor() {
    super({ logLevels: ['fatal', 'error', 'warn', 'log', 'debug'] });
  }

  protected override printMessages(messages: unknown[], context = '', logLevel = 'log'): void {
    for (const m of messages) {
      this.lines.push(`${logLevel} [${context}] ${typeof m === 'string' ? m : JSON.stringify(m)}`);
    }
    if (logLevel === 'error' || logLevel === 'fatal') {
      super.printMessages(messages, context, logLevel, 'stderr');
    }
  }
}

export interface RunningApp {
  app: INestApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:39123 */
  url: string;
  logger: CapturingLogger;
  stop(): Promise<void>;
}

export interface TestApp extends RunningApp {
  database: TestDatabase;
  dataDir: string;
  /** Stops this app and starts another on the same database and settings. */
  restart(): Promise<RunningApp>;
  /** Stops the app and drops its database and data directory. */
  close(): Promise<void>;
}

/** Called with the app before it listens, e.g. to add routes. */
export type BeforeListen = (app: INestApplication) => void;

/** What a test may set of createApp's options: the cluster's membership as the app sees it. */
export type TestAppOptions = Pick<CreateAppOptions, 'clusterMembers'>;

async function launch(
  config: AppConfig,
  beforeListen?: BeforeListen,
  options: TestAppOptions = {},
): Promise<RunningApp> {
  const logger = new CapturingLogger();
  const app = await createApp(config, { ...options, logger });
  beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  let stopped = false;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    logger,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await app.close();
    },
  };
}

function testConfig(
  database: TestDatabase,
  dataDir: string,
  env: Record<string, string>,
): AppConfig {
  return loadConfig({
    VIGIL_DATA_DIR: dataDir,
    VIGIL_DATABASE_URL: database.url,
    VIGIL_USERS: TEST_USERS_SETTING,
    VIGIL_AUTH_MAX_FAILURES: '1000',
    // scheduled probing only where a test asks for it, so that targets other suites create
    // are not probed behind their backs
    VIGIL_PROBING_ENABLED: 'false',
    ...env,
  });
}

/**
 * Starts one more vigil instance on an existing database (which it neither creates nor drops),
 * with a data directory of its own, the TEST_USERS, and `options` for createApp. `close` stops
 * it and removes its data directory.
 */
export async function startInstance(
  database: TestDatabase,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<RunningApp & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-data-'));
  const running = await launch(testConfig(database, dataDir, env), undefined, options);
  return {
    ...running,
    close: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts vigil on a random port of 127.0.0.1 with a fresh database of the given kind and the
 * TEST_USERS (unless `env` sets VIGIL_USERS itself, or to '' for none). Scheduled probing is off
 * unless `env` turns it on. `beforeListen` is called with the app (again on restart) before it
 * listens.
 */
export async function startTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  beforeListen?: BeforeListen,
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-data-'));
  const config = testConfig(database, dataDir, env);
  const running = await launch(config, beforeListen);
  return {
    ...running,
    database,
    dataDir,
    restart: async () => {
      await running.stop();
      return launch(config, beforeListen);
    },
    close: async () => {
      await running.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
