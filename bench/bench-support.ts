/**
 * What the benchmarks against a private Icinga 2 share: the bench's objects, vigil started as
 * its own process, small HTTP helpers, timing and memory figures, and writing a section of
 * bench/RESULTS.md.
 */
import { hashSync } from 'bcrypt';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { freePort } from './livestatus-icinga';

export const HOSTS = 2000;
export const SERVICES_PER_HOST = 10;
export const CONCURRENCY = 16;
export const USER = { name: 'bench', password: 'bench-secret-Pa55' };
export const AUTH = `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`;
const ROOT = join(__dirname, '..', '..');
export const RESULTS = process.env.BENCH_RESULTS ?? join(ROOT, 'bench', 'RESULTS.md');

/** The 8 columns of the full fetch. */
export const BIG_COLUMNS = [
  'host_name',
  'description',
  'state',
  'plugin_output',
  'last_check',
  'has_been_checked',
  'acknowledged',
  'groups',
];

/** HOSTS hosts in two groups, each with SERVICES_PER_HOST services, all checked by `dummy`. */
export function benchObjects(): string {
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

export interface HttpAnswer {
  status: number;
  bytes: number;
  /** The body, when asked to keep it. */
  text?: string;
}

/** One HTTP request to vigil on 127.0.0.1; the body is counted, and kept when `keep`. */
export function httpCall(
  port: number,
  path: string,
  options: { method?: string; body?: unknown; keep?: boolean } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { authorization: AUTH };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (options.keep) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            bytes,
            text: options.keep ? Buffer.concat(chunks).toString('utf8') : undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `work` `runs` times one after the other; the median time in ms. */
export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** RSS figures of a process, in MiB: now, and the peak since the last reset. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Resets a process's peak RSS (VmHWM); false when the kernel does not allow it. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS growth of a process while `work` runs, in MiB. */
export async function memoryGrowth(pid: number, work: () => Promise<unknown>): Promise<number> {
  const before = memory(pid);
  const peakReset = resetPeak(pid);
  await work();
  const after = memory(pid);
  return (peakReset ? after.peak : Math.max(after.peak, after.rss)) - before.rss;
}

export interface VigilProcess {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts vigil (dist/src/main.js) as its own process, with the Node flags `npm start` uses,
 * and those of BENCH_NODE_FLAGS, on SQLite in `dir`, with the bench user (role `operator`) and
 * the given settings. One not ready within `startMs` is killed.
 */
export async function startVigil(
  dir: string,
  env: Record<string, string>,
  startMs = 30_000,
): Promise<VigilProcess> {
  const port = await freePort();
  const main = join(__dirname, '..', 'src', 'main.js');
  // BENCH_NODE_FLAGS adds Node flags to vigil's, e.g. --cpu-prof or --require <profiler>.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--max-semi-space-size=32', ...flags, main], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      // VIGIL_* settings of the bench's environment apply to vigil, e.g. VIGIL_LOG_LEVEL.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('VIGIL_'))),
      PATH: process.env.PATH,
      VIGIL_HOST: '127.0.0.1',
      VIGIL_PORT: String(port),
      VIGIL_DATA_DIR: dir,
      VIGIL_DATABASE_URL: `sqlite:${join(dir, 'vigil.sqlite')}`,
      VIGIL_USERS: `${USER.name}:${hashSync(USER.password, 10)}:operator`,
      VIGIL_PROBING_ENABLED: 'false',
      ...env,
    },
  });
  const deadline = Date.now() + startMs;
  for (;;) {
    try {
      if ((await httpCall(port, '/health/ready')).status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`vigil did not start within ${startMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Replaces the section under `heading` (`## ...`) of bench/RESULTS.md, or appends it. */
export async function writeResults(heading: string, section: string): Promise<void> {
  const existing = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = existing.indexOf(`\n${heading}\n`);
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
