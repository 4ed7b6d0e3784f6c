import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { basicAuth, TEST_USERS, TEST_USERS_SETTING } from '../support/app';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/database';
import { type ServerProcess, startServerProcess } from '../support/server-process';

/** A target server that counts the requests to each path; a path answers 200 unless told. */
export interface CountingServer {
  url: string;
  hits(path: string): number;
  /** From now on `path` answers `status`. */
  answer(path: string, status: number): void;
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  const counts = new Map<string, number>();
  const statuses = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    res.writeHead(statuses.get(path) ?? 200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: (path) => counts.get(path) ?? 0,
    answer: (path, status) => statuses.set(path, status),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** vigil processes on one database, each with a data directory of its own. */
export class Instances {
  readonly all: ServerProcess[] = [];
  private readonly dirs: string[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cluster-'));
    this.dirs.push(dir);
    const server = await startServerProcess({
      VIGIL_DATA_DIR: dir,
      VIGIL_USERS: TEST_USERS_SETTING,
      VIGIL_AUTH_MAX_FAILURES: '1000',
      ...this.env,
      ...env,
    });
    this.all.push(server);
    return server;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.splice(0).map((s) => s.stop()));
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** An API call as the test admin; the parsed JSON answer. */
export async function api<T>(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: {
      Authorization: basicAuth(TEST_USERS.admin),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Creates a target probing `url` every `frequencySeconds` (with `more` fields); its id. */
export async function createTarget(
  server: ServerProcess,
  name: string,
  url: string,
  frequencySeconds = 1,
  more: Record<string, unknown> = {},
): Promise<number> {
  const t = await api<{ id: number }>(server, 'POST', '/api/v1/targets', {
    name,
    url,
    frequencySeconds,
    timeoutSeconds: 1,
    ...more,
  });
  return t.id;
}

/** Creates a notifier mailing ops@example.test through the SMTP server on `smtpPort`; its id. */
export async function createMailNotifier(server: ServerProcess, smtpPort: number): Promise<number> {
  const notifier = await api<{ id: number }>(server, 'POST', '/api/v1/notifiers', {
    name: 'ops',
    address: ['ops@example.test'],
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'none', from: 'vigil@example.test' },
  });
  return notifier.id;
}

export interface ClusterView {
  enabled: boolean;
  instances: { id: string; pid: number; shards: number; targets: number }[];
}

/** Plain SQL on the test database, as a user editing the tables would run it. */
export interface Sql {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSql(url: string): Promise<Sql> {
  const ds = await new DataSource(
    url.startsWith('sqlite:')
      ? { type: 'better-sqlite3', database: url.slice('sqlite:'.length) }
      : { type: 'mysql', url, timezone: 'Z' },
  ).initialize();
  return {
    query: <T>(sql: string, params: unknown[] = []) => ds.query<T[]>(sql, params),
    run: async (sql, params = []) => {
      await ds.query(sql, params);
    },
    close: () => ds.destroy(),
  };
}

/** Inserts a copy of target `fromId` under another name and URL, in SQL; the new id. */
export async function insertTargetInSql(
  sql: Sql,
  fromId: number,
  name: string,
  url: string,
): Promise<number> {
  const columns =
    'method, headers, secret_headers, body, auth_type, frequency_seconds, timeout_seconds, ' +
    'expected_status, failure_threshold, recovery_threshold, enabled, notifier_ids, fresh_connection';
  await sql.run(
    `INSERT INTO targets (name, url, ${columns}) SELECT ?, ?, ${columns} FROM targets WHERE id = ?`,
    [name, url, fromId],
  );
  const [row] = await sql.query<{ id: number }>('SELECT id FROM targets WHERE name = ?', [name]);
  return Number(row.id);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a cluster test runs on: a database, a counting target server, SQL on the database. */
export interface ClusterFixture {
  db: TestDatabase;
  counting: CountingServer;
  instances: Instances;
  sql: Sql;
}

/**
 * Registers beforeAll and afterAll hooks that make a fresh database of `kind` and a counting
 * server, start `count` instances on the database with `env` (the first alone, as it runs the
 * migrations), and stop and remove it all afterwards.
 */
export function clusterFixture(
  kind: DatabaseKind,
  count: number,
  env: Record<string, string> = {},
): ClusterFixture {
  const fixture = {} as ClusterFixture;
  beforeAll(async () => {
    fixture.counting = await startCountingServer();
    fixture.db = await createTestDatabase(kind);
    fixture.instances = new Instances({ VIGIL_DATABASE_URL: fixture.db.url, ...env });
    fixture.sql = await openSql(fixture.db.url);
    if (count > 0) await fixture.instances.start();
    await Promise.all(Array.from({ length: count - 1 }, () => fixture.instances.start()));
  }, 120_000);
  afterAll(async () => {
    // a paused one is woken, so that it can stop
    for (const s of fixture.instances?.all ?? []) s.child.kill('SIGCONT');
    await fixture.instances?.stopAll();
    await fixture.sql?.close();
    await fixture.db?.drop();
    await fixture.counting?.close();
  });
  return fixture;
}

/** The pid of the instance holding each shard's unexpired lease. */
export async function shardOwners(sql: Sql): Promise<Map<number, number>> {
  const rows = await sql.query<{ pid: number; shard: number }>(
    'SELECT m.pid, l.shard FROM shard_leases l JOIN cluster_members m ON m.id = l.owner ' +
      'WHERE l.expires_at > NOW(3)',
  );
  return new Map(rows.map((o) => [Number(o.shard), Number(o.pid)]));
}

/**
 * Targets whose pass count is not the number of passing probes their path got, less at most
 * `inFlight` (probes in flight when their prober was killed, paused or gave the shard up).
 */
export async function passCountsOff(
  fixture: ClusterFixture,
  targets: { id: number; path: string }[],
  inFlight = 2,
): Promise<{ id: number; lost: number }[]> {
  const states = await fixture.sql.query<{ target_id: number; pass_count: number }>(
    'SELECT target_id, pass_count FROM target_states',
  );
  const passed = new Map(states.map((s) => [Number(s.target_id), Number(s.pass_count)]));
  return targets
    .map(({ id, path }) => ({ id, lost: fixture.counting.hits(path) - (passed.get(id) ?? 0) }))
    .filter(({ lost }) => lost < 0 || lost > inFlight);
}
