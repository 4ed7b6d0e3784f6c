/**
 * `npm run bench:icinga-api`: vigil's endpoints on an Icinga 2 REST API site against a minimal
 * raw client of the same API (undici, kept-alive connections), in the same run, on a private
 * Icinga 2 with 2,000 hosts × 10 services: (a) one host by exact name, 16 concurrent clients;
 * (b) all 20,000 services × 8 columns, and vigil's memory growth meanwhile; (c) scheduling a
 * downtime and reading it back.
 * Writes the figures to bench/RESULTS.md under "## Icinga 2 REST API" (other sections are kept).
 */
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
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
  timeRuns,
  type VigilProcess,
  writeResults,
} from './bench-support';
import { type IcingaWithApi, startIcingaWithApi } from './icinga-api-icinga';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 10);
const DOWNTIME_RUNS = Number(process.env.BENCH_DOWNTIME_RUNS ?? 20);
const SITE = 'api';
const HOST = 'host-0042';

const SMALL_PATH = `/api/v1/livestatus/hosts?site=${SITE}&columns=name,state&filter=${encodeURIComponent(`name = ${HOST}`)}`;
const BIG_PATH = `/api/v1/livestatus/services?site=${SITE}&columns=${BIG_COLUMNS.join(',')}&format=ndjson`;
/** The API attributes behind BIG_COLUMNS (plugin_output and has_been_checked: last_check_result). */
const BIG_ATTRS = [
  'host_name',
  'name',
  'state',
  'last_check_result',
  'last_check',
  'acknowledgement',
  'groups',
];

interface ApiAnswer {
  results: Record<string, unknown>[];
}

/** The minimal client: one undici pool, kept-alive connections, Basic auth, the Icinga CA. */
class RawApi {
  private readonly pool: Pool;
  private readonly headers: Record<string, string>;

  constructor(api: IcingaWithApi) {
    this.pool = new Pool(api.url, {
      connections: CONCURRENCY,
      connect: { ca: readFileSync(api.caPath), servername: api.servername },
    });
    this.headers = {
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${api.user}:${api.password}`).toString('base64')}`,
    };
  }

  /** One request; the answer's text, failing on any status but 200. */
  async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    override?: 'GET',
  ): Promise<string> {
    const headers: Record<string, string> = { ...this.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (override) headers['x-http-method-override'] = override;
    const res = await this.pool.request({
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
    return text;
  }

  /** One request; its parsed answer. */
  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
    return JSON.parse(await this.send(method, path, body)) as ApiAnswer;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** `concurrency` loops sending `work` for `seconds`; requests/s. */
async function loopRate(
  seconds: number,
  concurrency: number,
  work: () => Promise<unknown>,
): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await work();
        count++;
      }
    }),
  );
  return count / seconds;
}

async function untilApiAnswers(raw: RawApi): Promise<void> {
  const deadline = Date.now() + 120000;
  for (;;) {
    try {
      await raw.call('GET', '/v1/status/IcingaApplication');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** vigil with the API as its only site. */
async function startVigilOnApi(api: IcingaWithApi, dir: string): Promise<VigilProcess> {
  const vigil = await startVigil(dir, {
    VIGIL_SITES: `${SITE}=icinga2:${api.url}`,
    VIGIL_SITE_API_USER: api.user,
    VIGIL_SITE_API_PASSWORD: api.password,
    VIGIL_SITE_API_CA_FILE: api.caPath,
    VIGIL_SITE_API_TLS_SERVERNAME: api.servername,
  });
  const sites = await httpCall(vigil.port, '/api/v1/livestatus/sites', { keep: true });
  const listed =
    sites.status === 200 &&
    (JSON.parse(sites.text ?? '[]') as { name: string }[]).some((s) => s.name === SITE);
  if (listed) return vigil;
  await vigil.stop();
  throw new Error(`vigil does not list the API site: ${sites.status} ${sites.text ?? ''}`);
}

interface Figures {
  rawRate: number;
  vigilRate: number;
  failed: number;
  rawBig: number;
  rawBigBytes: number;
  vigilBig: number;
  vigilBigBytes: number;
  growth: number;
  rawDowntime: number;
  vigilDowntime: number;
}

async function measure(raw: RawApi, vigil: VigilProcess): Promise<Figures> {
  // (a) one host by exact name: the raw client uses the by-name path.
  console.log(`(a) one host by name, ${CONCURRENCY} at a time, ${ROUNDS} × ${DURATION_S} s ...`);
  const byName = () => raw.call('GET', `/v1/objects/hosts/${HOST}?attrs=name&attrs=state`);
  let failed = 0;
  const rawRates: number[] = [];
  const vigilRates: number[] = [];
  const cannon = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${vigil.port}${SMALL_PATH}`,
      connections: CONCURRENCY,
      duration,
      headers: { authorization: AUTH },
    });
  await loopRate(2, CONCURRENCY, byName); // warm-up
  const check = await httpCall(vigil.port, SMALL_PATH, { keep: true });
  if (check.status !== 200) throw new Error(`vigil answered ${check.status}: ${check.text}`);
  await cannon(2);
  // Raw and vigil alternate in rounds, so that load from elsewhere on the machine hits both alike.
  for (let r = 0; r < ROUNDS; r++) {
    rawRates.push(await loopRate(DURATION_S, CONCURRENCY, byName));
    const result = await cannon(DURATION_S);
    vigilRates.push(result.requests.total / DURATION_S);
    failed += result.non2xx + result.errors + result.timeouts;
  }

  // (b) every service with the attributes behind the 8 columns, fetched and parsed.
  console.log(`(b) ${HOSTS * SERVICES_PER_HOST} services × 8 columns, median of ${BIG_RUNS} ...`);
  let rawBigBytes = 0;
  let rawBigRows = 0;
  const rawBigOnce = async () => {
    const text = await raw.send('POST', '/v1/objects/services', { attrs: BIG_ATTRS }, 'GET');
    rawBigRows = (JSON.parse(text) as ApiAnswer).results.length;
    rawBigBytes = Buffer.byteLength(text);
  };
  let vigilBigBytes = 0;
  const vigilBigOnce = async () => {
    const res = await httpCall(vigil.port, BIG_PATH);
    if (res.status !== 200) throw new Error(`ndjson answered ${res.status}`);
    vigilBigBytes = res.bytes;
  };
  const growth = await memoryGrowth(vigil.child.pid!, () => timeRuns(BIG_RUNS, vigilBigOnce));
  const bigTimes = { raw: [] as number[], vigil: [] as number[] };
  for (let i = 0; i < BIG_RUNS; i++) {
    bigTimes.raw.push(await timeRuns(1, rawBigOnce));
    bigTimes.vigil.push(await timeRuns(1, vigilBigOnce));
  }
  if (rawBigRows !== HOSTS * SERVICES_PER_HOST) {
    throw new Error(`the raw client read ${rawBigRows} services`);
  }

  // (c) a fixed host downtime of an hour, scheduled and read back, each time on another host.
  console.log(`(c) schedule and read back a downtime, median of ${DOWNTIME_RUNS} ...`);
  const rawTimes: number[] = [];
  const vigilTimes: number[] = [];
  for (let i = 0; i < DOWNTIME_RUNS; i++) {
    const host = (n: number) => `host-${String(n).padStart(4, '0')}`;
    rawTimes.push(
      await timeRuns(1, async () => {
        const now = Math.floor(Date.now() / 1000);
        const scheduled = await raw.call('POST', '/v1/actions/schedule-downtime', {
          type: 'Host',
          host: host(100 + i),
          start_time: now,
          end_time: now + 3600,
          fixed: true,
          author: 'bench',
          comment: 'raw',
        });
        const name = String(scheduled.results[0]?.name);
        const read = await raw.call('GET', `/v1/objects/downtimes/${encodeURIComponent(name)}`);
        if (read.results.length !== 1) throw new Error(`downtime ${name} not read back`);
      }),
    );
    const started = performance.now();
    const res = await httpCall(vigil.port, '/api/v1/downtimes', {
      method: 'POST',
      body: { site: SITE, hostName: host(1100 + i), durationSeconds: 3600, comment: 'vigil' },
      keep: true,
    });
    if (res.status !== 201) {
      throw new Error(`vigil answered the downtime ${res.status}: ${res.text?.slice(0, 200)}`);
    }
    vigilTimes.push(performance.now() - started);
  }
  return {
    rawRate: median(rawRates),
    vigilRate: median(vigilRates),
    failed,
    rawBig: median(bigTimes.raw),
    rawBigBytes,
    vigilBig: median(bigTimes.vigil),
    vigilBigBytes,
    growth,
    rawDowntime: median(rawTimes),
    vigilDowntime: median(vigilTimes),
  };
}

function section(figures: Figures, loadBefore: number): string {
  const round = (n: number, digits = 0) => Number(n.toFixed(digits));
  const f = figures;
  const verdict = (met: boolean) => (met ? 'met' : '**not met**');
  const ratioA = f.vigilRate / f.rawRate;
  const ratioB = f.vigilBig / f.rawBig;
  const extraC = f.vigilDowntime - f.rawDowntime;
  const show = (value: number, unit: string, digits = 0) => `${round(value, digits)}${unit}`;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    '## Icinga 2 REST API',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:icinga-api\` on ${cpus().length} cores (${cpu}), ` +
      `${round(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, Icinga 2 ` +
      `(${HOSTS} hosts × ${SERVICES_PER_HOST} services, private instance, REST API over TLS on 127.0.0.1). ` +
      'vigil runs as its own process (the Node flags of `npm start`) with the API as its only site; ' +
      'Icinga, vigil and the load generator share the machine ' +
      `(1-minute load average ${round(loadBefore, 1)} before the run, ${round(loadavg()[0], 1)} after it).`,
    '',
    '| measurement | raw API client | vigil | ratio | target | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    `| (a) one host by exact name, ${CONCURRENCY} concurrent, median of ${ROUNDS} × ${DURATION_S} s | ${round(f.rawRate)} req/s | ${show(f.vigilRate, ' req/s')} (${f.failed} failed) | ${show(ratioA, '', 2)} | ≥ 0.7 | ${verdict(ratioA >= 0.7)} |`,
    `| (b) ${HOSTS * SERVICES_PER_HOST} services × 8 columns, fetch and parse (vigil: \`format=ndjson\`), median of ${BIG_RUNS} | ${round(f.rawBig)} ms | ${show(f.vigilBig, ' ms')} | ${show(ratioB, '×', 2)} | ≤ 1.3× | ${verdict(ratioB <= 1.3)} |`,
    `| (b) vigil memory growth during the ndjson runs (peak RSS − RSS before) | | ${show(f.growth, ' MiB', 1)} | | < 100 MB | ${verdict(f.growth < 100)} |`,
    `| (c) schedule a host downtime and read it back, median of ${DOWNTIME_RUNS} | ${round(f.rawDowntime, 1)} ms | ${show(f.vigilDowntime, ' ms', 1)} (201) | ${extraC < 0 ? '−' : '+'}${round(Math.abs(extraC), 1)} ms | ≤ raw + 20 ms | ${verdict(extraC <= 20)} |`,
    '',
    `The raw side is a minimal client in the same run, alternating with vigil: one undici pool of ${CONCURRENCY} kept-alive TLS connections. ` +
      `(a) \`GET /v1/objects/hosts/${HOST}?attrs=name&attrs=state\` (the by-name path) in ${CONCURRENCY} loops; vigil gets \`GET /api/v1/livestatus/hosts\` with \`filter=name = ${HOST}\` from autocannon. ` +
      `(b) \`/v1/objects/services\` with the attributes behind the 8 columns (${BIG_ATTRS.join(', ')}; plugin output and has_been_checked come from \`last_check_result\`), ` +
      `the whole ${round(f.rawBigBytes / 1024)} KiB answer read and given to \`JSON.parse\`; ` +
      `vigil's ndjson answer is ${round(f.vigilBigBytes / 1024)} KiB.` +
      ' (c) raw: `POST /v1/actions/schedule-downtime` naming the host (as vigil does) then `GET /v1/objects/downtimes/<name>`; vigil: `POST /api/v1/downtimes` (which reads the downtime back before answering 201).',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  console.log(
    `starting Icinga 2 with ${HOSTS} hosts × ${SERVICES_PER_HOST} services and its API ...`,
  );
  const api = await startIcingaWithApi({ objects: benchObjects(), startTimeoutMs: 120000 });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const raw = new RawApi(api);
  let vigil: VigilProcess | undefined;
  try {
    await untilApiAnswers(raw);
    vigil = await startVigilOnApi(api, dir);
    const figures = await measure(raw, vigil);
    const text = section(figures, loadBefore);
    console.log(text);
    await writeResults('## Icinga 2 REST API', text);
    console.log(`written to ${RESULTS}`);
  } finally {
    await vigil?.stop();
    await raw.close();
    await api.icinga.stop();
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
