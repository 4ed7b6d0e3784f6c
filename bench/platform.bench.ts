/**
 * HTTP platform benchmark: the real application (auth guard, credential cache, validation pipe,
 * problem filter, request log) on Express and on Fastify, answering an authenticated
 * `GET /api/v1/me`. Measures 1,000 sequential requests on one keep-alive connection, then
 * requests/s at concurrency 16 with autocannon in a separate process. The platforms take turns
 * for three rounds and the median of each figure is reported, as a Markdown table.
 *
 *   npm run bench:platform
 */
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { hashSync } from 'bcrypt';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/app.config';

const AUTH = `Basic ${Buffer.from('bench:bench-password').toString('base64')}`;
const SEQUENTIAL = 1000;
const ROUNDS = 3;
const run = promisify(execFile);

interface Load {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function loadTest(port: number): Promise<Load> {
  const bin = join(__dirname, '..', '..', 'node_modules', '.bin', 'autocannon');
  const args = ['--json', '-c', '16', '-d', '8', '-H', `Authorization=${AUTH}`];
  const { stdout } = await run(bin, [...args, `http://127.0.0.1:${port}/api/v1/me`], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Load;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function get(port: number, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/me', agent, headers: { Authorization: AUTH } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function measure(platform: 'express' | 'fastify') {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const config = loadConfig({
    VIGIL_DATA_DIR: dataDir,
    VIGIL_USERS: `bench:${hashSync('bench-password', 12)}:viewer`,
    VIGIL_LOG_LEVEL: 'warn',
  });
  const app = await createApp(config, {
    logger: false,
    httpAdapter: platform === 'fastify' ? new FastifyAdapter() : undefined,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 200; i++) await get(port, agent); // warm-up
    const started = process.hrtime.bigint();
    for (let i = 0; i < SEQUENTIAL; i++) {
      const status = await get(port, agent);
      if (status !== 200) throw new Error(`unexpected status ${status}`);
    }
    const sequentialMs = Number(process.hrtime.bigint() - started) / 1e6;
    const load = await loadTest(port);
    if (load.non2xx > 0 || load.errors > 0) throw new Error(`${platform}: errors under load`);
    return {
      platform,
      sequentialMs,
      rps: load.requests.average,
      p50: load.latency.p50,
      p99: load.latency.p99,
    };
  } finally {
    agent.destroy();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rounds: Awaited<ReturnType<typeof measure>>[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await measure('express'), await measure('fastify'));
  const results = (['express', 'fastify'] as const).map((platform) => {
    const mine = rounds.filter((r) => r.platform === platform);
    return {
      platform,
      sequentialMs: median(mine.map((r) => r.sequentialMs)),
      rps: median(mine.map((r) => r.rps)),
      p50: median(mine.map((r) => r.p50)),
      p99: median(mine.map((r) => r.p99)),
    };
  });
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), node ${process.version}`);
  console.log(
    '| platform | 1,000 sequential GET /api/v1/me | req/s at concurrency 16 | p50 ms | p99 ms |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.platform} | ${r.sequentialMs.toFixed(0)} ms | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
