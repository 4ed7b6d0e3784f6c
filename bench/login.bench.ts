/**
 * Login benchmark: what a burst of wrong passwords costs the rest of the process, and whether a
 * login's duration tells a known user name from an unknown one. The real application (Fastify,
 * auth guard, throttle, bcrypt gate) with users hashed at the default cost (12), in this process,
 * next to a "probe" loop: every 20 ms a GET of a local HTTP server by the name `localhost`, on a
 * new connection, so that each one needs a `getaddrinfo` in libuv's threadpool as a probe of a
 * named target does. Reported per phase: the requests' answers, the bcrypt checks vigil ran and
 * the probe latency p50/p99/max (compare with the idle phase).
 *
 * - idle: no logins;
 * - burst, one address: 200 concurrent wrong passwords for `alice` from 127.0.0.1;
 * - burst, 200 addresses: 200 concurrent wrong passwords for `alice` from 200 addresses
 *   (X-Forwarded-For, VIGIL_TRUST_PROXY=true): the throttle admits all, the bcrypt gate bounds them;
 * - raw bcrypt x N: N `bcrypt.compare` at once outside vigil, as every login ran before the gate
 *   (all four threads of the pool busy).
 *
 * Then the timing of a login: BENCH_TIMING_ROUNDS sequential rounds of one wrong password for
 * `alice` and one for an unknown name (limits raised so that nothing is refused), median and p90.
 *
 *   npm run bench:login
 *   BENCH_RAW=200 BENCH_TIMING_ROUNDS=40 npm run bench:login
 */
import { compare, hash } from 'bcrypt';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, get, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { PasswordChecker } from '../src/auth/password-checker';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/app.config';

const BURST = Number(process.env.BENCH_BURST ?? 200);
const RAW = Number(process.env.BENCH_RAW ?? 40);
const TIMING_ROUNDS = Number(process.env.BENCH_TIMING_ROUNDS ?? 20);
const PROBE_EVERY_MS = 20;

const alice = { name: 'alice', password: 'alice-secret-Pa55' };

const basic = (name: string, password: string) =>
  `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** GETs /api/v1/me; resolves with the status and the time it took. */
function login(port: number, authorization: string, forwardedFor?: string) {
  return new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string> = { Authorization: authorization };
    if (forwardedFor) headers['X-Forwarded-For'] = forwardedFor;
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/me', agent: false, headers },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Probes `http://localhost:<port>/` every 20 ms until stopped; returns each probe's latency. */
function probeLoop(port: number): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const started = performance.now();
    const done = new Promise<void>((resolve) => {
      const req = get({ host: 'localhost', port, path: '/', agent: false }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.setTimeout(10_000, () => req.destroy());
      req.on('error', () => {
        latencies.push(performance.now() - started);
        resolve();
      });
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  }, PROBE_EVERY_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return latencies;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  phase: string;
  ms: number;
  answers: string;
  checks: number | string;
  /** How long the refused (429/503) and the checked (401) logins took. */
  refusedMs: number[];
  checkedMs: number[];
  probes: number[];
}

async function startVigil(users: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-login-'));
  const config = loadConfig({
    VIGIL_DATA_DIR: dataDir,
    VIGIL_USERS: users,
    VIGIL_LOG_LEVEL: 'error',
    VIGIL_PROBING_ENABLED: 'false',
    ...env,
  });
  const app: INestApplication = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    port,
    checks: () => app.get(PasswordChecker).comparisons,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
}

async function main(): Promise<void> {
  const target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const targetPort = (target.address() as AddressInfo).port;
  const users = `${alice.name}:${await hash(alice.password, 12)}:operator`;
  const rows: Row[] = [];

  const vigil = await startVigil(users, { VIGIL_TRUST_PROXY: 'true' });
  try {
    // warm-up: connections, JIT, the dummy hash (made at start-up) is ready
    for (let i = 0; i < 3; i++) await login(vigil.port, basic('nobody', 'x'), `10.9.9.${i}`);

    const idle = probeLoop(targetPort);
    await sleep(3000);
    rows.push({
      phase: 'idle',
      ms: 3000,
      answers: '–',
      checks: 0,
      refusedMs: [],
      checkedMs: [],
      probes: await idle.stop(),
    });

    for (const spread of [false, true]) {
      const before = vigil.checks();
      const probes = probeLoop(targetPort);
      await sleep(200);
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          login(
            vigil.port,
            basic(alice.name, `guess-${spread ? 'b' : 'a'}-${i}`),
            spread ? `10.${(i >> 8) & 255}.${i & 255}.7` : undefined,
          ),
        ),
      );
      const ms = performance.now() - started;
      await sleep(200);
      rows.push({
        phase: spread ? `burst of ${BURST}, ${BURST} addresses` : `burst of ${BURST}, one address`,
        ms,
        answers: tally(answers.map((a) => a.status)),
        checks: vigil.checks() - before,
        refusedMs: answers.filter((a) => a.status === 429 || a.status === 503).map((a) => a.ms),
        checkedMs: answers.filter((a) => a.status === 401).map((a) => a.ms),
        probes: await probes.stop(),
      });
      await sleep(1000);
    }
  } finally {
    await vigil.close();
  }

  {
    const passwordHash = users.split(':')[1];
    const probes = probeLoop(targetPort);
    await sleep(200);
    const started = performance.now();
    await Promise.all(Array.from({ length: RAW }, (_, i) => compare(`guess-${i}`, passwordHash)));
    const ms = performance.now() - started;
    await sleep(200);
    rows.push({
      phase: `raw bcrypt × ${RAW} at once (no gate)`,
      ms,
      answers: '–',
      checks: RAW,
      refusedMs: [],
      checkedMs: [],
      probes: await probes.stop(),
    });
  }

  // timing: a wrong password for a known user against an unknown user name
  const timing = await startVigil(users, {
    VIGIL_AUTH_MAX_FAILURES: '10000',
    VIGIL_AUTH_MAX_ADDRESS_FAILURES: '100000',
    VIGIL_AUTH_CACHE_SECONDS: '0',
  });
  const known: number[] = [];
  const unknown: number[] = [];
  try {
    for (let i = 0; i < TIMING_ROUNDS; i++) {
      const a = await login(timing.port, basic(alice.name, `wrong-${i}`));
      const b = await login(timing.port, basic(`nobody-${i}`, `wrong-${i}`));
      if (a.status !== 401 || b.status !== 401) throw new Error(`got ${a.status} / ${b.status}`);
      known.push(a.ms);
      unknown.push(b.ms);
    }
  } finally {
    await timing.close();
    target.close();
  }

  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}, ` +
      `UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, ` +
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  console.log('');
  console.log(
    '| phase | s | answers | bcrypt checks | refused p99 ms | checked p99 ms | probes | probe p50 ms | probe p99 ms | probe max ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const ms = (values: number[], p: number) =>
    values.length > 0 ? percentile(values, p).toFixed(0) : '–';
  for (const r of rows) {
    console.log(
      `| ${r.phase} | ${(r.ms / 1000).toFixed(1)} | ${r.answers} | ${r.checks} | ` +
        `${ms(r.refusedMs, 99)} | ${ms(r.checkedMs, 99)} | ${r.probes.length} | ` +
        `${percentile(r.probes, 50).toFixed(1)} | ${percentile(r.probes, 99).toFixed(1)} | ` +
        `${Math.max(...r.probes).toFixed(1)} |`,
    );
  }
  console.log('');
  console.log('| login (wrong password, cost 12) | n | median ms | p90 ms |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, values] of [
    ['known user `alice`', known],
    ['unknown user name', unknown],
  ] as const) {
    console.log(
      `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 90).toFixed(0)} |`,
    );
  }
  const ratio = percentile(unknown, 50) / percentile(known, 50);
  console.log('');
  console.log(`unknown / known median: ${ratio.toFixed(2)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
