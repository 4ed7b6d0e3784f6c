/**
 * Cluster benchmark, on MariaDB: side by side in one run, vigil processes probe targets every
 * 10 s on a local target server that records when each target is hit (bench/hit-server.ts):
 *
 * - for each count of targets in BENCH_SWEEP, one instance with VIGIL_CLUSTER=off, then one
 *   with VIGIL_CLUSTER=auto (leasing all 256 shards alone): the rate each sustains, and the
 *   ratio auto/off at the highest load both sustain;
 * - BENCH_INSTANCES (3) instances with VIGIL_CLUSTER=auto sharing BENCH_TARGETS (10,000)
 *   targets: every target probed once per period, and the period's jitter at the target server.
 *
 * Each run is measured over BENCH_SECONDS after its first period (and, with several instances,
 * after the shards are balanced). vigil reaches MariaDB through a proxy of the bench's that
 * counts the statements each kind of work sends (leasing, change polling, probe records, ...)
 * and the connections held, since MariaDB's own counters (`SHOW GLOBAL STATUS`, printed beside)
 * count every client of the server. The figures end with a paper estimate of how many instances
 * one MariaDB serves.
 *
 *   npm run bench:cluster
 *   BENCH_TARGETS=1000 BENCH_SWEEP=1000 BENCH_SECONDS=30 npm run bench:cluster   # a smoke run
 *   BENCH_SWEEP=10000,20000,30000,40000 BENCH_INSTANCES=3 BENCH_CONCURRENCY=256 \
 *   VIGIL_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306 npm run bench:cluster
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  type AddressInfo,
  createConnection as connectTcp,
  createServer,
  type Server,
  type Socket,
} from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { hashSync } from 'bcrypt';
import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
import { fairShare, SHARDS } from '../src/cluster/shards';
import { httpCall, startVigil, USER, type VigilProcess } from './bench-support';
import type { HitFigures, HitRequest } from './hit-server';
import { tieSockets } from './tie-sockets';

const FREQUENCY_S = 10;
const TARGETS = Number(process.env.BENCH_TARGETS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SWEEP = (process.env.BENCH_SWEEP ?? '10000,20000,30000')
  .split(',')
  .filter(Boolean)
  .map(Number);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const MYSQL_URL = process.env.VIGIL_TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306';
/** What a MariaDB is assumed to serve of small indexed statements per second, for the estimate. */
const DB_BUDGET_QPS = Number(process.env.BENCH_DB_BUDGET_QPS ?? 5000);
/** A run sustains its load when the p99 jitter of the period stays under this. */
const JITTER_LIMIT_MS = 250;
/** ... and the targets are hit at this share of their planned rate at least. */
const RATE_FLOOR = 0.98;
/** How long a vigil may take to start. */
const START_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kinds of statement, by the tables they name (see MysqlCountingProxy.kindOf). */
const KINDS = ['leasing', 'change polling', 'probe records', 'outbox', 'transactions', 'other'];

/**
 * A TCP proxy in front of MariaDB that counts the statements (COM_QUERY packets) vigil sends,
 * by kind, and the connections open at once.
 */
class MysqlCountingProxy {
  counts = new Map<string, number>();
  open = 0;
  peakOpen = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(host: string, port: number): Promise<MysqlCountingProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new MysqlCountingProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => proxy.forward(client, host, port));
    return proxy;
  }

  static kindOf(sql: string): string {
    if (/shard_leases|cluster_members/.test(sql)) return 'leasing';
    if (/notification/.test(sql)) return 'outbox';
    if (/target_states|probe_results|state_changes/.test(sql)) return 'probe records';
    if (/`?targets`?/.test(sql)) return 'change polling';
    if (
      /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SAVEPOINT|RELEASE)/i.test(sql)
    )
      return 'transactions';
    return 'other';
  }

  reset(): void {
    this.counts = new Map();
    this.peakOpen = this.open;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, host: string, port: number): void {
    const upstream = connectTcp({ host, port });
    this.open++;
    this.peakOpen = Math.max(this.peakOpen, this.open);
    this.sockets.add(client).add(upstream);
    tieSockets(client, upstream, () => {
      this.open--;
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    });
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // packets: 3 bytes of length, 1 of sequence; a command is the first packet (sequence 0)
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3);
        if (pending.length < 4 + length) break;
        if (pending[3] === 0 && length > 0 && pending[4] === 0x03) {
          const sql = pending.subarray(5, 5 + Math.min(length - 1, 400)).toString('utf8');
          const kind = MysqlCountingProxy.kindOf(sql);
          this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
        }
        pending = pending.subarray(4 + length);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  }
}

/** The target server process (hit-server.ts). */
class HitServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<HitServer> {
    const child = fork(join(__dirname, 'hit-server.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const { port } = await new Promise<{ port: number }>((resolve) =>
      child.once('message', (m) => resolve(m as { port: number })),
    );
    return new HitServer(child, `http://127.0.0.1:${port}`);
  }

  private ask<T>(request: HitRequest): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (m) => resolve(m as T));
      this.child.send(request);
    });
  }

  async mark(): Promise<void> {
    await this.ask<string>({ cmd: 'mark' });
  }

  report(): Promise<HitFigures> {
    return this.ask<HitFigures>({ cmd: 'report', periodMs: FREQUENCY_S * 1000 });
  }

  stop(): void {
    this.child.disconnect();
  }
}

/** A fresh database on the MariaDB server, reached by vigil through the proxy. */
interface BenchDatabase {
  name: string;
  /** VIGIL_DATABASE_URL through the proxy. */
  url: string;
  sql: Connection;
  drop(): Promise<void>;
}

async function freshDatabase(proxy: MysqlCountingProxy): Promise<BenchDatabase> {
  const server = new URL(MYSQL_URL);
  const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const sql = await createConnection(MYSQL_URL);
  await sql.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await sql.query(`USE \`${name}\``);
  const credentials = `${server.username}${server.password ? `:${server.password}` : ''}`;
  return {
    name,
    url: `mysql://${credentials}@127.0.0.1:${proxy.port}/${name}`,
    sql,
    drop: async () => {
      await sql.query(`DROP DATABASE \`${name}\``);
      await sql.end();
    },
  };
}

/** The settings of every vigil of the bench; `bench` is admin, so that it may create targets. */
function vigilEnv(db: BenchDatabase, extra: Record<string, string>): Record<string, string> {
  return {
    VIGIL_DATABASE_URL: db.url,
    VIGIL_USERS: `${USER.name}:${hashSync(USER.password, 10)}:admin`,
    VIGIL_LOG_LEVEL: 'warn',
    VIGIL_PROBE_CONCURRENCY: String(CONCURRENCY),
    VIGIL_PROBE_LOG_MAX_BYTES: String(64 * 2 ** 20),
    ...extra,
  };
}

/**
 * Migrates the database (a vigil that does not probe), creates one target through the API and
 * copies it in SQL to `n` targets `/t/0` … `/t/<n-1>` (MariaDB's sequence tables).
 */
async function prepare(db: BenchDatabase, n: number, targetUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-cluster-'));
  const setup = await startVigil(dir, vigilEnv(db, { VIGIL_CLUSTER: 'off' }), START_MS);
  try {
    const res = await httpCall(setup.port, '/api/v1/targets', {
      method: 'POST',
      keep: true,
      body: {
        name: 'template',
        url: `${targetUrl}/t/template`,
        frequencySeconds: FREQUENCY_S,
        timeoutSeconds: 5,
        expectedStatus: 200,
      },
    });
    if (res.status !== 201) throw new Error(`template target: ${res.status} ${res.text}`);
    const { id } = JSON.parse(res.text ?? '{}') as { id: number };
    const columns =
      'method, headers, secret_headers, body, auth_type, frequency_seconds, timeout_seconds, ' +
      'expected_status, failure_threshold, recovery_threshold, enabled, notifier_ids, fresh_connection';
    await db.sql.query(
      `INSERT INTO targets (name, url, ${columns}) ` +
        `SELECT CONCAT('bench-', s.seq), CONCAT(?, '/t/', s.seq), ${columns} ` +
        `FROM targets t JOIN seq_0_to_${n - 1} s WHERE t.id = ?`,
      [targetUrl, id],
    );
    await db.sql.query('DELETE FROM targets WHERE id = ?', [id]);
  } finally {
    await setup.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time of a process so far, in seconds (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, the 14th and 15th fields, in clock ticks of 1/100 s
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const STATUS = ['Questions', 'Com_select', 'Com_insert', 'Com_update', 'Com_delete'];

async function serverStatus(sql: Connection): Promise<Map<string, number>> {
  const [rows] = await sql.query<RowDataPacket[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATUS.map(() => '?').join(', ')})`,
    STATUS,
  );
  return new Map(rows.map((r) => [String(r.Variable_name), Number(r.Value)]));
}

interface RunFigures {
  label: string;
  instances: number;
  targets: number;
  hits: HitFigures;
  probesPerSecond: number;
  /** Probes per second over the rate planned (targets / period). */
  planned: number;
  cpuPercent: number[];
  /** Statements per second through the proxy, by kind. */
  statements: Map<string, number>;
  peakConnections: number;
  /** Server-wide counters per second (every client of the server). */
  server: Map<string, number>;
}

interface ClusterView {
  instances: { shards: number }[];
}

/** Whether the instances hold all shards among them, each within its fair share. */
async function balanced(vigil: VigilProcess, count: number): Promise<boolean> {
  const res = await httpCall(vigil.port, '/api/v1/cluster', { keep: true });
  if (res.status !== 200) return false;
  const shards = (JSON.parse(res.text ?? '{}') as ClusterView).instances.map((i) => i.shards);
  return (
    shards.length === count &&
    shards.reduce((a, b) => a + b, 0) === SHARDS &&
    shards.every((n) => n > 0 && n <= fairShare(count))
  );
}

/** `count` vigil processes with VIGIL_CLUSTER=`mode` on `db`, measured over SECONDS. */
async function run(
  label: string,
  db: BenchDatabase,
  targets: number,
  count: number,
  mode: 'off' | 'auto',
  hitServer: HitServer,
  proxy: MysqlCountingProxy,
): Promise<RunFigures> {
  console.error(`${label}: ${count} × VIGIL_CLUSTER=${mode}, ${targets} targets, ${SECONDS} s…`);
  const dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), 'vigil-bench-')));
  const vigils: VigilProcess[] = [];
  try {
    const env = vigilEnv(db, { VIGIL_CLUSTER: mode, VIGIL_PROBING_ENABLED: 'true' });
    // one after the other: on a loaded machine several starting at once take long
    for (const dir of dirs) vigils.push(await startVigil(dir, env, START_MS));
    if (count > 1) {
      const deadline = Date.now() + 120_000;
      while (!(await balanced(vigils[0], count))) {
        if (Date.now() > deadline) throw new Error('the shards were not balanced in 120 s');
        await sleep(500);
      }
    }
    // the first runs are spread over a period from when each target is taken
    await sleep(FREQUENCY_S * 1000 + 2000);
    const cpu0 = vigils.map((v) => cpuSeconds(v.child.pid!));
    const status0 = await serverStatus(db.sql);
    proxy.reset();
    await hitServer.mark();
    const t0 = performance.now();
    await sleep(SECONDS * 1000);
    const hits = await hitServer.report();
    const elapsed = (performance.now() - t0) / 1000;
    const status1 = await serverStatus(db.sql);
    const perSecond = (n: number) => n / elapsed;
    return {
      label,
      instances: count,
      targets,
      hits,
      probesPerSecond: hits.hits / hits.seconds,
      planned: hits.hits / hits.seconds / (targets / FREQUENCY_S),
      cpuPercent: vigils.map((v, i) => ((cpuSeconds(v.child.pid!) - cpu0[i]) / elapsed) * 100),
      statements: new Map(KINDS.map((k) => [k, perSecond(proxy.counts.get(k) ?? 0)])),
      peakConnections: proxy.peakOpen,
      server: new Map(
        STATUS.map((k) => [k, perSecond((status1.get(k) ?? 0) - (status0.get(k) ?? 0))]),
      ),
    };
  } finally {
    await Promise.all(vigils.map((v) => v.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

const sustained = (r: RunFigures) => r.hits.jitterP99 < JITTER_LIMIT_MS && r.planned >= RATE_FLOOR;

function rateRow(r: RunFigures): string {
  const h = r.hits;
  return (
    `| ${r.label} | ${r.instances} | ${r.targets} | ${f0(h.seconds)} | ${f0(r.probesPerSecond)} | ` +
    `${f2(r.planned)} | ${h.targetsHit} | ${f1(h.jitterP50)} | ${f1(h.jitterP99)} | ` +
    `${f1(h.jitterMax)} | ${h.short} | ${h.long} | ${r.cpuPercent.map(f0).join(' + ')} | ` +
    `${sustained(r) ? 'yes' : 'no'} |`
  );
}

function databaseRow(r: RunFigures): string {
  const s = (k: string) => f1(r.statements.get(k) ?? 0);
  const total = [...r.statements.values()].reduce((a, b) => a + b, 0);
  return (
    `| ${r.label} | ${r.instances} | ${r.targets} | ${KINDS.map(s).join(' | ')} | ${f1(total)} | ` +
    `${r.peakConnections} | ${f0(r.server.get('Questions') ?? NaN)} |`
  );
}

/** The highest rate among the sustained runs of `label`. */
function best(runs: RunFigures[], label: string): RunFigures | undefined {
  return runs
    .filter((r) => r.label === label && sustained(r))
    .sort((a, b) => b.probesPerSecond - a.probesPerSecond)[0];
}

/** Connections a vigil's pool opens at most (mysql2's default; vigil does not change it). */
const POOL_LIMIT = 10;

function estimate(shared: RunFigures, maxConnections: number): string {
  const k = shared.instances;
  const coordination =
    ((shared.statements.get('leasing') ?? 0) + (shared.statements.get('change polling') ?? 0)) / k;
  const records = shared.statements.get('probe records') ?? 0;
  const transactions = shared.statements.get('transactions') ?? 0;
  const byBudget = Math.floor(
    (DB_BUDGET_QPS - records - transactions) / Math.max(coordination, 0.01),
  );
  const byConnections = Math.floor(maxConnections / POOL_LIMIT);
  return [
    `Paper estimate, from the ${k}-instance run: leasing and change polling cost ` +
      `${f1(coordination)} statements/s per instance whatever its targets (each change poll's ` +
      `digest reads all ${shared.targets} target rows, every 2 s: \`id % 256\` has no index); the ` +
      `probe records (${f0(records)} statements/s, and ${f0(transactions)} transaction ` +
      `statements/s) follow the targets, not the instances.`,
    `With a MariaDB assumed to serve ${DB_BUDGET_QPS} such statements/s (BENCH_DB_BUDGET_QPS), ` +
      `the coordination leaves room for about ${byBudget} instances. Each instance's pool opens ` +
      `up to ${POOL_LIMIT} connections (${f1(shared.peakConnections / k)} seen at peak here), so ` +
      `max_connections (${maxConnections} on this server) allows ${byConnections} at full pools; ` +
      `and no more than ${SHARDS} instances ever probe (one shard each). The least of these ` +
      `bounds: about ${Math.min(byBudget, byConnections, SHARDS)} instances per MariaDB.`,
  ].join('\n\n');
}

async function main(): Promise<void> {
  const server = new URL(MYSQL_URL);
  const proxy = await MysqlCountingProxy.start(server.hostname, Number(server.port || 3306));
  const hitServer = await HitServer.start();
  const runs: RunFigures[] = [];
  try {
    for (const n of SWEEP) {
      const db = await freshDatabase(proxy);
      try {
        await prepare(db, n, hitServer.url);
        runs.push(await run('off', db, n, 1, 'off', hitServer, proxy));
        runs.push(await run('auto', db, n, 1, 'auto', hitServer, proxy));
      } finally {
        await db.drop();
      }
    }
    const db = await freshDatabase(proxy);
    let shared: RunFigures;
    try {
      await prepare(db, TARGETS, hitServer.url);
      shared = await run(`auto × ${INSTANCES}`, db, TARGETS, INSTANCES, 'auto', hitServer, proxy);
      runs.push(shared);
    } finally {
      await db.drop();
    }

    console.log(
      `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
        `${Math.round(totalmem() / 2 ** 30)} GB; MariaDB at ${server.host}; frequency ` +
        `${FREQUENCY_S} s, concurrency ${CONCURRENCY}, ${SECONDS} s measured per run\n`,
    );
    console.log(
      '| run | instances | targets | s | probes/s | of planned | targets hit | jitter p50 ms | jitter p99 ms | jitter max ms | intervals < ½ period | intervals > 1½ period | CPU % per instance | sustained |\n' +
        '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const r of runs) console.log(rateRow(r));
    const off = best(runs, 'off');
    const auto = best(runs, 'auto');
    console.log(
      `\nSustained: p99 jitter < ${JITTER_LIMIT_MS} ms and at least ${RATE_FLOOR} of the planned rate. ` +
        `Highest sustained: off ${off ? `${f0(off.probesPerSecond)}/s (${off.targets} targets)` : 'none'}, ` +
        `auto ${auto ? `${f0(auto.probesPerSecond)}/s (${auto.targets} targets)` : 'none'}; ratio auto/off ` +
        `${off && auto ? f2(auto.probesPerSecond / off.probesPerSecond) : '–'} (wanted ≥ 0.9).`,
    );
    console.log(
      `${INSTANCES} instances: p99 jitter ${f1(shared.hits.jitterP99)} ms (wanted < ${JITTER_LIMIT_MS}), ` +
        `${shared.hits.targetsHit} of ${TARGETS} targets hit, ${shared.hits.short} intervals under half a period.\n`,
    );
    console.log(
      `| run | instances | targets | ${KINDS.join(' /s | ')} /s | all /s | peak connections | server-wide Questions/s |\n` +
        `|---|---|---|${KINDS.map(() => '---|').join('')}---|---|---|`,
    );
    for (const r of runs) console.log(databaseRow(r));
    const status = await createConnection(MYSQL_URL);
    const [[{ max }]] = await status.query<RowDataPacket[]>('SELECT @@max_connections AS max');
    await status.end();
    console.log(`\n${estimate(shared, Number(max))}`);
  } finally {
    hitServer.stop();
    await proxy.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
