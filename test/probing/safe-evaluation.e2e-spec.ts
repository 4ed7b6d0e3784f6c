import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { components } from '../../openapi/client';
import { startTestApp, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { until } from '../support/until';
import { startTargetServer, type LocalServer } from './target-servers';

type CreateTarget = components['schemas']['CreateTargetDto'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a target's answer may do to the process and to what is written about it: a regex that
 * backtracks must not stall the probes nor the API, and an answer that echoes the request's
 * credentials must not carry them into results, the probe log or the API.
 */
describe('evaluating hostile answers (real app on SQLite, real local targets)', () => {
  let t: TestApp;
  let server: LocalServer;
  const admin = () => clientAs(t.url, 'admin');

  beforeAll(async () => {
    server = await startTargetServer(new Set());
    t = await startTestApp('sqlite', { VIGIL_PROBING_ENABLED: 'true' });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  async function create(body: Partial<CreateTarget> & { name: string }): Promise<number> {
    const { data, error } = await admin().POST('/api/v1/targets', {
      body: { url: `${server.url}/status/200`, ...body },
    });
    expect(error).toBeUndefined();
    return data!.id;
  }

  async function passAndFail(id: number): Promise<number> {
    const { data } = await admin().GET('/api/v1/targets/{id}', { params: { path: { id } } });
    return data!.passCount + data!.failCount;
  }

  it('keeps /health and a 1 s target on time while 1 s targets with backtracking regexes are probed', async () => {
    const hostile = [
      { bodyRegex: '(a+)+$', url: `${server.url}/repeat?c=a&n=28&end=!` },
      { bodyRegex: '(a|aa)+$', url: `${server.url}/repeat?c=a&n=5000&end=!` },
      { bodyRegex: '(x+x+)+y', url: `${server.url}/repeat?c=x&n=5000` },
    ];
    const hostileIds: number[] = [];
    for (const [i, h] of hostile.entries()) {
      hostileIds.push(
        await create({ name: `redos-${i}`, frequencySeconds: 1, timeoutSeconds: 1, ...h }),
      );
    }
    const plain = await create({ name: 'plain', frequencySeconds: 1, timeoutSeconds: 1 });
    // every target has had its first probe: the window below sees the steady rate
    await until(async () => {
      for (const id of [...hostileIds, plain]) if ((await passAndFail(id)) === 0) return false;
      return true;
    }, 15000);

    const plainBefore = await passAndFail(plain);
    const health: number[] = [];
    const end = Date.now() + 5000;
    while (Date.now() < end) {
      const started = performance.now();
      const res = await fetch(`${t.url}/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      health.push(performance.now() - started);
      await sleep(50);
    }
    const plainProbes = (await passAndFail(plain)) - plainBefore;

    expect(health.length).toBeGreaterThan(40);
    // one of these regexes run on the event loop would hold /health for many seconds ((a+)+$ on
    // 28 a's alone); a second covers the jitter of a machine busy with other suites
    expect(Math.max(...health)).toBeLessThan(1000);
    expect(plainProbes).toBeGreaterThanOrEqual(4);
    expect(plainProbes).toBeLessThanOrEqual(6);
    for (const [i, id] of hostileIds.entries()) {
      const { data } = await admin().GET('/api/v1/targets/{id}', { params: { path: { id } } });
      expect(data!.status).toBe('FAIL');
      expect(data!.statusDescription).toBe(
        `body mismatch: does not match /${hostile[i].bodyRegex}/`,
      );
      expect(data!.failCount).toBeGreaterThanOrEqual(4);
    }
    for (const id of [...hostileIds, plain]) {
      await admin().POST('/api/v1/targets/{id}/disable', { params: { path: { id } } });
    }
  }, 30_000);

  describe('an answer that echoes the request headers', () => {
    const basic = { type: 'BASIC' as const, username: 'probe', password: 'probe-pa55' };
    const base64 = Buffer.from('probe:probe-pa55').toString('base64');
    const secrets = ['s3cr3t', base64, 'probe-pa55'];

    it.each([
      ['the echoed API key', 'headers.x-api-key'],
      ['the echoed Authorization header', 'headers.authorization'],
      ['all echoed headers', 'headers'],
    ])('withholds %s in the result, the API and the probe log', async (_what, jsonPath) => {
      const id = await create({
        name: `echo ${jsonPath}`,
        url: `${server.url}/echo`,
        enabled: false,
        headers: { 'X-Api-Key': 's3cr3t' },
        auth: basic,
        jsonPath,
        jsonEquals: 'something else',
      });
      const { data: probed } = await clientAs(t.url, 'operator').POST(
        '/api/v1/targets/{id}/probe',
        { params: { path: { id }, query: {} } },
      );
      expect(probed!.status).toBe('FAIL');
      expect(probed!.description).toBe(
        `JSON mismatch at ${jsonPath}: (value withheld: it echoes a request credential) != "something else"`,
      );

      const { data: target } = await admin().GET('/api/v1/targets/{id}', {
        params: { path: { id } },
      });
      const { data: results } = await clientAs(t.url, 'viewer').GET(
        '/api/v1/targets/{id}/results',
        { params: { path: { id } } },
      );
      const logged = () =>
        readFileSync(join(t.dataDir, 'probe.log'), 'utf8')
          .split('\n')
          .filter((l) => l.includes(`[${id}] `));
      await until(() => logged().length > 0);

      const written = [
        JSON.stringify(probed),
        target!.statusDescription,
        JSON.stringify(results),
        ...logged(),
      ];
      expect(logged()[0]).toContain('value withheld: it echoes a request credential');
      for (const text of written) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    });

    it('cuts a long value found to its first 64 characters', async () => {
      const long = `${'q'.repeat(300)}-tail`;
      const id = await create({
        name: 'echo long',
        url: `${server.url}/echo?${long}`,
        enabled: false,
        jsonPath: 'query',
        jsonEquals: 'short',
      });
      const { data: probed } = await clientAs(t.url, 'operator').POST(
        '/api/v1/targets/{id}/probe',
        { params: { path: { id }, query: {} } },
      );
      expect(probed!.description).toBe(
        `JSON mismatch at query: ${JSON.stringify(`?${long}`).slice(0, 64)}… != "short"`,
      );
    });
  });
});
