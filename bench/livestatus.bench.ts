/**
 * `npm run bench:livestatus`: vigil's livestatus endpoints against the same queries sent straight
 * to the socket, in the same run, on a private Icinga 2 with 2,000 hosts × 10 services.
 * Writes the figures to bench/RESULTS.md under "## Livestatus" (other sections are kept).
 */
import autocannon from 'autocannon';
import { hashSync } from 'bcrypt';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { freePort, startIcinga, type IcingaInstance } from './livestatus-icinga';

const HOSTS = 2000;
const SERVICES_PER_HOST = 10;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONCURRENCY = 16;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 10);
const USER = { name: 'bench', password: 'bench-secret-Pa55' };
const ROOT = join(__dirname, '..', '..');
const RESULTS = process.env.BENCH_RESULTS ?? join(ROOT, 'bench', 'RESULTS.md');

const SMALL_LQL = 'GET hosts\nColumns: name state\nFilter: name = host-0042';
const SMALL_PATH = `/api/v1/livestatus/hosts?columns=name,state&filter=${encodeURIComponent('name = host-0042')}`;
const BIG_COLUMNS = [
  'host_name',
  'description',
  'state',
  'plugin_output',
  'last_check',
  'has_been_checked',
  'acknowledged',
  'groups',
];
const BIG_LQL = `GET services\nColumns: ${BIG_COLUMNS.join(' ')}`;
const BIG_PATH = `/api/v1/livestatus/services?columns=${BIG_COLUMNS.join(',')}`;

function objects(): string {
  const lines = [
    'object HostGroup "even" { }',
    'object HostGroup "odd" { }',
    'template Host "bench-host" { check_command = "dummy"; check_interval = 5m; vars.dummy_state = 0 }',
  ];
  for (let i = 0; i < HOSTS; i++) {
    const name = `host-${String(i).padStart(4, '0')}`;
    lines.push(
      `object Host "${name}" { import "bench-host"; address = "10.${i >> 8}.${i & 255}.1"; groups = [ "${i % 2 ? 'odd' : 'even'}" ] }`,
    );
  }
  for (let s = 0; s < SERVICES_PER_HOST; s++) {
    lines.push(
      `apply Service "svc-${s}" { check_command = "dummy"; check_interval = 5m; vars.dummy_state = ${s % 4}; vars.dummy_text = "service ${s} output text"; assign where true }`,
    );
  }
  return lines.join('\n');
}

/** One query straight to the UNIX socket on a new connection; resolves with the body size. */
function rawQuery(socketPath: string, lql: string, keepAlive = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ path: socketPath });
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (buffered.length >= 16) {
        const length = Number(buffered.subarray(4, 15).toString('latin1'));
        if (buffered.length >= 16 + length) {
          socket.destroy();
          resolve(length);
        }
      }
    });
    socket.on('error', reject);
    const ka = keepAlive ? 'KeepAlive: on\n' : '';
    socket.write(`${lql}\nResponseHeader: fixed16\nOutputFormat: json\n${ka}\n`);
  });
}

/** Sequential queries on one kept-alive connection (UNIX or TCP) for `seconds`; queries/s. */
async function keptAliveRate(
  target: { path: string } | { host: string; port: number },
  lql: string,
  seconds: number,
): Promise<number> {
  const socket = createConnection(target);
  await new Promise((resolve) => socket.once('connect', resolve));
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (buffered.length >= 16) {
      const length = Number(buffered.subarray(4, 15).toString('latin1'));
      if (buffered.length >= 16 + length) {
        buffered = buffered.subarray(16 + length);
        waiting?.();
      }
    }
  });
  const end = Date.now() + seconds * 1000;
  let count = 0;
  while (Date.now() < end) {
    await new Promise<void>((resolve) => {
      waiting = resolve;
      socket.write(`${lql}\nResponseHeader: fixed16\nOutputFormat: json\nKeepAlive: on\n\n`);
    });
    count++;
  }
  socket.destroy();
  return count / seconds;
}

/** A new connection per query, `concurrency` at a time, for `seconds`; queries/s. */
async function newConnectionRate(
  target: { path: string } | { host: string; port: number },
  lql: string,
  seconds: number,
  concurrency: number,
): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let count = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const socket = createConnection(target);
      let size = 0;
      let need = Infinity;
      let head: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (need === Infinity) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= 16) need = 16 + Number(head.subarray(4, 15).toString('latin1'));
        }
        if (size >= need) {
          socket.destroy();
          resolve();
        }
      });
      socket.on('error', reject);
      socket.write(`${lql}\nResponseHeader: fixed16\nOutputFormat: json\n\n`);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await one();
        count++;
      }
    }),
  );
  return count / seconds;
}

function httpGet(
  port: number,
  path: string,
  auth: string,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { authorization: auth } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** RSS figures of a process, in MiB: now, and the peak since the last reset. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function startVigil(
  icinga: IcingaInstance,
  dir: string,
): Promise<{ child: ChildProcess; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const main = join(__dirname, '..', 'src', 'main.js');
  const child = spawn(process.execPath, [main], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      // VIGIL_* settings of the bench's environment apply to vigil, e.g. VIGIL_LOG_LEVEL.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('VIGIL_'))),
      PATH: process.env.PATH,
      VIGIL_HOST: '127.0.0.1',
      VIGIL_PORT: String(port),
      VIGIL_DATA_DIR: dir,
      VIGIL_DATABASE_URL: `sqlite:${join(dir, 'vigil.sqlite')}`,
      VIGIL_USERS: `${USER.name}:${hashSync(USER.password, 10)}:viewer`,
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}`,
    },
  });
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      if ((await httpGet(port, '/health', '')).status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('vigil did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function writeResults(section: string): Promise<void> {
  const existing = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = existing.indexOf('\n## Livestatus');
  let text: string;
  if (start >= 0) {
    const next = existing.indexOf('\n## ', start + 1);
    text = existing.slice(0, start) + '\n' + section + (next >= 0 ? existing.slice(next) : '');
  } else {
    text = `${existing.trimEnd()}\n\n${section}`;
  }
  // Formatted as `npm run lint` expects (prettier --check covers bench/RESULTS.md).
  const options = (await prettier.resolveConfig(RESULTS)) ?? {};
  writeFileSync(RESULTS, await prettier.format(text, { ...options, parser: 'markdown' }));
}

async function main(): Promise<void> {
  const round = (n: number, digits = 0) => Number(n.toFixed(digits));
  const loadBefore = loadavg()[0];
  console.log(`starting Icinga 2 with ${HOSTS} hosts × ${SERVICES_PER_HOST} services ...`);
  const icinga = await startIcinga({ objects: objects(), startTimeoutMs: 120000 });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  let vigil: Awaited<ReturnType<typeof startVigil>> | undefined;
  try {
    const count = await icinga.raw('GET services\nStats: state >= 0');
    console.log(`services: ${count.body}`);
    vigil = await startVigil(icinga, dir);
    const auth = `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`;
    const socket = { path: icinga.socketPath };
    const tcp = { host: '127.0.0.1', port: icinga.tcpPort };

    // Connection reuse, measured per socket type (one connection, one query at a time).
    console.log('keep-alive vs new connection (sequential) ...');
    const reuse = {
      unixNew: await newConnectionRate(socket, SMALL_LQL, 5, 1),
      unixKeep: await keptAliveRate(socket, SMALL_LQL, 5),
      tcpNew: await newConnectionRate(tcp, SMALL_LQL, 5, 1),
      tcpKeep: await keptAliveRate(tcp, SMALL_LQL, 5),
    };

    // (a) small query at concurrency 16.
    console.log(
      `(a) small query, ${CONCURRENCY} at a time, ${ROUNDS} rounds of ${DURATION_S} s each ...`,
    );
    const check = await httpGet(vigil.port, SMALL_PATH, auth);
    if (check.status !== 200) throw new Error(`vigil answered ${check.status} to the small query`);
    await autocannon({
      url: `http://127.0.0.1:${vigil.port}${SMALL_PATH}`,
      connections: CONCURRENCY,
      duration: 2,
      headers: { authorization: auth },
    }); // warm-up
    // Raw and vigil alternate in rounds, so that load from elsewhere on the machine hits both alike.
    let rawCount = 0;
    let vigilCount = 0;
    let failed = 0;
    for (let r = 0; r < ROUNDS; r++) {
      rawCount +=
        (await newConnectionRate(socket, SMALL_LQL, DURATION_S, CONCURRENCY)) * DURATION_S;
      const cannon = await autocannon({
        url: `http://127.0.0.1:${vigil.port}${SMALL_PATH}`,
        connections: CONCURRENCY,
        duration: DURATION_S,
        headers: { authorization: auth },
      });
      vigilCount += cannon.requests.total;
      failed += cannon.non2xx + cannon.errors + cannon.timeouts;
    }
    const rawSmall = rawCount / (ROUNDS * DURATION_S);
    const vigilSmall = vigilCount / (ROUNDS * DURATION_S);

    // (b) all services with 8 columns: memory during ndjson answers first, then timings in turn.
    console.log(`(b) ${HOSTS * SERVICES_PER_HOST} services × 8 columns, median of ${BIG_RUNS} ...`);
    const rawBytes = await rawQuery(icinga.socketPath, BIG_LQL);
    const pid = vigil.child.pid!;
    const before = memory(pid);
    const peakReset = resetPeak(pid);
    let ndjsonBytes = 0;
    const ndjsonOnce = async () => {
      const res = await httpGet(vigil!.port, `${BIG_PATH}&format=ndjson`, auth);
      if (res.status !== 200) throw new Error(`ndjson answered ${res.status}`);
      ndjsonBytes = res.bytes;
    };
    const jsonOnce = async () => {
      const res = await httpGet(vigil!.port, `${BIG_PATH}&format=json`, auth);
      if (res.status !== 200) throw new Error(`json answered ${res.status}`);
    };
    await timeRuns(BIG_RUNS, ndjsonOnce);
    const after = memory(pid);
    const growth = (peakReset ? after.peak : Math.max(after.peak, after.rss)) - before.rss;
    const times = { raw: [] as number[], json: [] as number[], ndjson: [] as number[] };
    for (let i = 0; i < BIG_RUNS; i++) {
      times.raw.push(await timeRuns(1, () => rawQuery(icinga.socketPath, BIG_LQL)));
      times.json.push(await timeRuns(1, jsonOnce));
      times.ndjson.push(await timeRuns(1, ndjsonOnce));
    }
    const rawBig = median(times.raw);
    const jsonBig = median(times.json);
    const ndjsonBig = median(times.ndjson);

    const ratioA = vigilSmall / rawSmall;
    const ratioJson = jsonBig / rawBig;
    const ratioNdjson = ndjsonBig / rawBig;
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const section = [
      '## Livestatus',
      '',
      `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:livestatus\` on ${cpus().length} cores (${cpu}), ` +
        `${round(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, Icinga 2 ` +
        `(${HOSTS} hosts × ${SERVICES_PER_HOST} services, private instance, UNIX socket). ` +
        'vigil runs as its own process with default settings (3 queries in flight, keep-alive over UNIX sockets); ' +
        'Icinga, vigil and the load generator share the machine ' +
        `(1-minute load average ${round(loadBefore, 1)} before the run, ${round(loadavg()[0], 1)} after it: ` +
        'other work on the machine weighs on vigil, the third process, more than on the raw client).',
      '',
      '| measurement | raw socket | vigil | ratio | target |',
      '| --- | --- | --- | --- | --- |',
      `| (a) \`GET hosts\` filtered to one host, ${CONCURRENCY} concurrent, ${ROUNDS} × ${DURATION_S} s each | ${round(rawSmall)} req/s | ${round(vigilSmall)} req/s (${failed} failed) | ${round(ratioA, 2)} | ≥ 0.6 |`,
      `| (b) ${HOSTS * SERVICES_PER_HOST} services × 8 columns, \`format=json\` (median of ${BIG_RUNS}) | ${round(rawBig)} ms | ${round(jsonBig)} ms | ${round(ratioJson, 2)}× | ≤ 1.5× |`,
      `| (b) same, \`format=ndjson\` (median of ${BIG_RUNS}) | ${round(rawBig)} ms | ${round(ndjsonBig)} ms | ${round(ratioNdjson, 2)}× | ≤ 1.5× |`,
      `| (b) vigil memory growth during the ndjson runs (peak RSS − RSS before) | | ${round(growth, 1)} MiB | | < 100 MB |`,
      '',
      `The raw side is a minimal client in the same run, alternating with vigil: a new connection per query, ${CONCURRENCY} at a time for (a); ` +
        `one fetch of the whole ${round(rawBytes / 1024)} KiB answer for (b). vigil's ndjson answer is ${round(ndjsonBytes / 1024)} KiB.`,
      '',
      'Connection reuse, one query at a time on one connection (why `VIGIL_LIVESTATUS_KEEPALIVE=auto` reuses UNIX connections only):',
      '',
      '| socket | new connection per query | `KeepAlive: on` |',
      '| --- | --- | --- |',
      `| UNIX | ${round(reuse.unixNew)} q/s | ${round(reuse.unixKeep)} q/s |`,
      `| TCP | ${round(reuse.tcpNew)} q/s | ${round(reuse.tcpKeep)} q/s |`,
      '',
    ].join('\n');
    console.log(section);
    await writeResults(section);
    console.log(`written to ${RESULTS}`);
  } finally {
    await vigil?.stop();
    await icinga.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
