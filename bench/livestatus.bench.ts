/**
 * `npm run bench:livestatus`: vigil's livestatus endpoints against the same queries sent straight
 * to the socket, in the same run, on a private Icinga 2 with 2,000 hosts × 10 services.
 * Writes the figures to bench/RESULTS.md under "## Livestatus" (other sections are kept).
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  AUTH,
  benchObjects,
  BIG_COLUMNS,
  CONCURRENCY,
  HOSTS,
  httpCall,
  median,
  memoryGrowth,
  RESULTS,
  SERVICES_PER_HOST,
  startVigil,
  type VigilProcess,
  timeRuns,
  writeResults,
} from './bench-support';
import { startIcinga } from './livestatus-icinga';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 10);

const SMALL_LQL = 'GET hosts\nColumns: name state\nFilter: name = host-0042';
const SMALL_PATH = `/api/v1/livestatus/hosts?columns=name,state&filter=${encodeURIComponent('name = host-0042')}`;
const BIG_LQL = `GET services\nColumns: ${BIG_COLUMNS.join(' ')}`;
const BIG_PATH = `/api/v1/livestatus/services?columns=${BIG_COLUMNS.join(',')}`;

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

async function main(): Promise<void> {
  const round = (n: number, digits = 0) => Number(n.toFixed(digits));
  const loadBefore = loadavg()[0];
  console.log(`starting Icinga 2 with ${HOSTS} hosts × ${SERVICES_PER_HOST} services ...`);
  const icinga = await startIcinga({ objects: benchObjects(), startTimeoutMs: 120000 });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  let vigil: VigilProcess | undefined;
  try {
    const count = await icinga.raw('GET services\nStats: state >= 0');
    console.log(`services: ${count.body}`);
    vigil = await startVigil(dir, { VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}` });
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
    const check = await httpCall(vigil.port, SMALL_PATH);
    if (check.status !== 200) throw new Error(`vigil answered ${check.status} to the small query`);
    await autocannon({
      url: `http://127.0.0.1:${vigil.port}${SMALL_PATH}`,
      connections: CONCURRENCY,
      duration: 2,
      headers: { authorization: AUTH },
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
        headers: { authorization: AUTH },
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
    let ndjsonBytes = 0;
    const ndjsonOnce = async () => {
      const res = await httpCall(vigil!.port, `${BIG_PATH}&format=ndjson`);
      if (res.status !== 200) throw new Error(`ndjson answered ${res.status}`);
      ndjsonBytes = res.bytes;
    };
    const jsonOnce = async () => {
      const res = await httpCall(vigil!.port, `${BIG_PATH}&format=json`);
      if (res.status !== 200) throw new Error(`json answered ${res.status}`);
    };
    const growth = await memoryGrowth(pid, () => timeRuns(BIG_RUNS, ndjsonOnce));
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
    const verdict = (met: boolean) => (met ? 'met' : '**not met**');
    const section = [
      '## Livestatus',
      '',
      `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:livestatus\` on ${cpus().length} cores (${cpu}), ` +
        `${round(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, Icinga 2 ` +
        `(${HOSTS} hosts × ${SERVICES_PER_HOST} services, private instance, UNIX socket). ` +
        'vigil runs as its own process with the Node flags of `npm start` and default settings (3 queries in flight, keep-alive over UNIX sockets); ' +
        'Icinga, vigil and the load generator share the machine ' +
        `(1-minute load average ${round(loadBefore, 1)} before the run, ${round(loadavg()[0], 1)} after it: ` +
        'other work on the machine weighs on vigil, the third process, more than on the raw client).',
      '',
      '| measurement | raw socket | vigil | ratio | target | verdict |',
      '| --- | --- | --- | --- | --- | --- |',
      `| (a) \`GET hosts\` filtered to one host, ${CONCURRENCY} concurrent, ${ROUNDS} × ${DURATION_S} s each | ${round(rawSmall)} req/s | ${round(vigilSmall)} req/s (${failed} failed) | ${round(ratioA, 2)} | ≥ 0.8 | ${verdict(ratioA >= 0.8)} |`,
      `| (b) ${HOSTS * SERVICES_PER_HOST} services × 8 columns, \`format=json\` (median of ${BIG_RUNS}) | ${round(rawBig)} ms | ${round(jsonBig)} ms | ${round(ratioJson, 2)}× | ≤ 1.3× | ${verdict(ratioJson <= 1.3)} |`,
      `| (b) same, \`format=ndjson\` (median of ${BIG_RUNS}) | ${round(rawBig)} ms | ${round(ndjsonBig)} ms | ${round(ratioNdjson, 2)}× | ≤ 1.3× | ${verdict(ratioNdjson <= 1.3)} |`,
      `| (b) vigil memory growth during the ndjson runs (peak RSS − RSS before) | | ${round(growth, 1)} MiB | | < 100 MB | ${verdict(growth < 100)} |`,
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
    await writeResults('## Livestatus', section);
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
