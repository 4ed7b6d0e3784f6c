import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { components } from '../../openapi/client';
import { ProbeResultsService } from '../../src/probing/probe-results.service';
import {
  TARGET_STATE_CHANGED,
  type TargetStateChangedEvent,
} from '../../src/probing/state-changed.event';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { until } from '../support/until';
import { clientAs } from '../support/client';
import { databaseKinds } from '../support/database';
import {
  closedPort,
  startFakeKeystone,
  startTargetServer,
  type FakeKeystone,
  type LocalServer,
} from './target-servers';

type CreateTarget = components['schemas']['CreateTargetDto'];
type Target = components['schemas']['TargetDto'];
type ProbeNow = components['schemas']['ProbeNowDto'];

const COUNTERS = [
  'passCount',
  'failCount',
  'status2xxCount',
  'status3xxCount',
  'status4xxCount',
  'status5xxCount',
  'networkFailCount',
  'repeatedFailCount',
] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds())('probing on %s', (kind) => {
  let t: TestApp;
  let keystone: FakeKeystone;
  let server: LocalServer;
  let refused: number;
  const changes: TargetStateChangedEvent[] = [];
  let seq = 0;

  const admin = () => clientAs(t.url, 'admin');

  async function create(body: Partial<CreateTarget>): Promise<Target> {
    seq += 1;
    const { data, error } = await admin().POST('/api/v1/targets', {
      body: { name: `t${seq}-${kind}`, url: `${server.url}/status/200`, enabled: false, ...body },
    });
    expect(error).toBeUndefined();
    return data!;
  }

  async function probe(id: number, notify = false): Promise<ProbeNow> {
    const { data, error, response } = await clientAs(t.url, 'operator').POST(
      '/api/v1/targets/{id}/probe',
      { params: { path: { id }, query: { notify } } },
    );
    expect([response.status, error]).toEqual([200, undefined]);
    return data!;
  }

  async function target(id: number): Promise<Target> {
    const { data } = await admin().GET('/api/v1/targets/{id}', { params: { path: { id } } });
    return data!;
  }

  function counters(x: Target): Counters {
    return Object.fromEntries(COUNTERS.map((k) => [k, x[k]])) as Counters;
  }

  beforeAll(async () => {
    keystone = await startFakeKeystone();
    server = await startTargetServer(keystone.validTokens);
    refused = await closedPort();
    t = await startTestApp(kind, { VIGIL_PROBING_ENABLED: 'true' });
    t.app.get(EventEmitter2).on(TARGET_STATE_CHANGED, (e: TargetStateChangedEvent) => {
      changes.push(e);
    });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
    await keystone?.close();
  });

  const zero: Counters = {
    passCount: 0,
    failCount: 0,
    status2xxCount: 0,
    status3xxCount: 0,
    status4xxCount: 0,
    status5xxCount: 0,
    networkFailCount: 0,
    repeatedFailCount: 0,
  };

  const cases: {
    name: string;
    body: () => Partial<CreateTarget>;
    status: 'PASS' | 'FAIL';
    httpStatus: number | null;
    description: string | RegExp;
    counted: Partial<Counters>;
  }[] = [
    {
      name: 'a 2xx answer as expected',
      body: () => ({ url: `${server.url}/status/204`, expectedStatus: 204 }),
      status: 'PASS',
      httpStatus: 204,
      description: 'OK',
      counted: { passCount: 1, status2xxCount: 1 },
    },
    {
      name: 'a 3xx answer',
      body: () => ({ url: `${server.url}/status/302` }),
      status: 'FAIL',
      httpStatus: 302,
      description: 'target status:302 != 200',
      counted: { failCount: 1, status3xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a 4xx answer',
      body: () => ({ url: `${server.url}/status/404?x=1` }),
      status: 'FAIL',
      httpStatus: 404,
      description: 'target status:404 != 200',
      counted: { failCount: 1, status4xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a 5xx answer',
      body: () => ({ url: `${server.url}/status/503` }),
      status: 'FAIL',
      httpStatus: 503,
      description: 'target status:503 != 200',
      counted: { failCount: 1, status5xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'an answer later than the timeout',
      body: () => ({ url: `${server.url}/slow?ms=3000`, timeoutSeconds: 1 }),
      status: 'FAIL',
      httpStatus: null,
      description: 'timeout after 1 s',
      counted: { failCount: 1, networkFailCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a target that never answers',
      body: () => ({ url: `${server.url}/hang`, timeoutSeconds: 1 }),
      status: 'FAIL',
      httpStatus: null,
      description: 'timeout after 1 s',
      counted: { failCount: 1, networkFailCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a refused connection',
      body: () => ({ url: `http://127.0.0.1:${refused}/` }),
      status: 'FAIL',
      httpStatus: null,
      description: 'cannot connect: connection refused',
      counted: { failCount: 1, networkFailCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a reset connection',
      body: () => ({ url: `${server.url}/reset` }),
      status: 'FAIL',
      httpStatus: null,
      description: 'cannot connect: connection reset by the target',
      counted: { failCount: 1, networkFailCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'good BASIC credentials',
      body: () => ({
        url: `${server.url}/basic`,
        auth: { type: 'BASIC', username: 'probe', password: 'probe-secret' },
      }),
      status: 'PASS',
      httpStatus: 200,
      description: 'OK',
      counted: { passCount: 1, status2xxCount: 1 },
    },
    {
      name: 'bad BASIC credentials',
      body: () => ({
        url: `${server.url}/basic`,
        auth: { type: 'BASIC', username: 'probe', password: 'wrong-secret' },
      }),
      status: 'FAIL',
      httpStatus: 401,
      description: 'target status:401 != 200',
      counted: { failCount: 1, status4xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'Keystone v3',
      body: () => ({
        url: `${server.url}/keystone-protected`,
        auth: {
          type: 'OPENSTACK',
          authUrl: keystone.url,
          keystoneVersion: 'v3',
          username: 'demo',
          password: 'demo-secret',
          projectName: 'ops',
        },
      }),
      status: 'PASS',
      httpStatus: 200,
      description: 'OK',
      counted: { passCount: 1, status2xxCount: 1 },
    },
    {
      name: 'Keystone v2.0',
      body: () => ({
        url: `${server.url}/keystone-protected`,
        auth: {
          type: 'OPENSTACK',
          authUrl: `${keystone.url}/v2.0`,
          keystoneVersion: 'v2.0',
          username: 'demo',
          password: 'demo-secret',
          tenantId: 't-1',
        },
      }),
      status: 'PASS',
      httpStatus: 200,
      description: 'OK',
      counted: { passCount: 1, status2xxCount: 1 },
    },
    {
      name: 'credentials Keystone rejects',
      body: () => ({
        url: `${server.url}/keystone-protected`,
        auth: {
          type: 'OPENSTACK',
          authUrl: keystone.url,
          keystoneVersion: 'v3',
          username: 'demo',
          password: 'not-the-secret',
          projectName: 'ops',
        },
      }),
      status: 'FAIL',
      httpStatus: null,
      description: 'Keystone rejected the credentials (status 401)',
      // the target never answered: counted with the network failures
      counted: { failCount: 1, networkFailCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a Keystone that cannot be reached',
      body: () => ({
        url: `${server.url}/keystone-protected`,
        auth: {
          type: 'OPENSTACK',
          authUrl: `http://127.0.0.1:${refused}`,
          keystoneVersion: 'v3',
          username: 'demo',
          password: 'demo-secret',
          projectName: 'ops',
        },
      }),
      status: 'FAIL',
      httpStatus: null,
      description: 'Keystone unreachable: ECONNREFUSED',
      counted: { failCount: 1, networkFailCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a body that holds the expected text',
      body: () => ({ url: `${server.url}/text`, bodyContains: 'nominal', bodyRegex: 'build \\d+' }),
      status: 'PASS',
      httpStatus: 200,
      description: 'OK',
      counted: { passCount: 1, status2xxCount: 1 },
    },
    {
      name: 'a body without the expected text',
      body: () => ({ url: `${server.url}/text`, bodyContains: 'degraded' }),
      status: 'FAIL',
      httpStatus: 200,
      description: 'body mismatch: does not contain "degraded"',
      counted: { failCount: 1, status2xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'a body that does not match the regex',
      body: () => ({ url: `${server.url}/text`, bodyRegex: '^down' }),
      status: 'FAIL',
      httpStatus: 200,
      description: 'body mismatch: does not match /^down/',
      counted: { failCount: 1, status2xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'the expected JSON value',
      body: () => ({ url: `${server.url}/json`, jsonPath: 'service.healthy', jsonEquals: true }),
      status: 'PASS',
      httpStatus: 200,
      description: 'OK',
      counted: { passCount: 1, status2xxCount: 1 },
    },
    {
      name: 'another JSON value',
      body: () => ({ url: `${server.url}/json`, jsonPath: 'service.version', jsonEquals: '2.0' }),
      status: 'FAIL',
      httpStatus: 200,
      description: /^JSON mismatch at service\.version: "1\.2" != "2\.0"$/,
      counted: { failCount: 1, status2xxCount: 1, repeatedFailCount: 1 },
    },
    {
      name: 'an answer slower than allowed',
      body: () => ({ url: `${server.url}/slow?ms=300`, maxResponseTimeMs: 100, timeoutSeconds: 2 }),
      status: 'FAIL',
      httpStatus: 200,
      description: /^too slow: \d+ ms > 100 ms$/,
      counted: { failCount: 1, status2xxCount: 1, repeatedFailCount: 1 },
    },
  ];

  it.each(cases)(
    'records $name with its description and counters',
    async ({ body, status, httpStatus, description, counted }) => {
      const created = await create(body());
      const result = await probe(created.id);
      expect(result).toMatchObject({ targetId: created.id, status, httpStatus });
      expect(result.description).toEqual(
        typeof description === 'string' ? description : expect.stringMatching(description),
      );
      expect(result.steps.length).toBeGreaterThan(0);
      if (httpStatus !== null) expect(result.steps.map((s) => s.step)).toContain('evaluation');
      const after = await target(created.id);
      expect(counters(after)).toEqual({ ...zero, ...counted });
      expect(after).toMatchObject({
        status,
        previousStatus: 'NEW',
        statusDescription: result.description,
        lastProbeAt: result.startedAt,
      });
      expect(after.lastUpdated >= result.startedAt).toBe(true);
      const { data: results } = await clientAs(t.url, 'viewer').GET(
        '/api/v1/targets/{id}/results',
        { params: { path: { id: created.id } } },
      );
      expect(results).toEqual({
        total: 1,
        items: [
          {
            id: expect.any(Number),
            probedAt: result.startedAt,
            status,
            httpStatus,
            responseTimeMs: Math.round(result.responseTimeMs),
            description: result.description,
            redirects: 0,
            finalUrl: null,
            certificateExpiresAt: null,
          },
        ],
      });
    },
  );

  it('keeps the query string, sends method, headers and body', async () => {
    const created = await create({
      url: `${server.url}/echo?a=1&b=two`,
      method: 'POST',
      headers: { 'x-probe': 'yes' },
      body: '{"hello":"world"}',
      jsonPath: 'query',
      jsonEquals: '?a=1&b=two',
    });
    expect(await probe(created.id)).toMatchObject({ status: 'PASS', description: 'OK' });
  });

  it('turns FAIL and back to PASS at the thresholds, publishing only changes', async () => {
    const created = await create({
      url: `${server.url}/status/500`,
      failureThreshold: 2,
      recoveryThreshold: 2,
    });
    const id = created.id;
    const mine = () => changes.filter((c) => c.target.id === id);
    const setUrl = async (path: string) => {
      await admin().PATCH('/api/v1/targets/{id}', {
        params: { path: { id } },
        body: { url: `${server.url}${path}` },
      });
    };
    expect(await probe(id, true)).toMatchObject({ targetStatus: 'NEW', change: null });
    expect(await probe(id, true)).toMatchObject({
      targetStatus: 'FAIL',
      change: { from: 'NEW', to: 'FAIL' },
      notified: true,
    });
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({
      change: { from: 'NEW', to: 'FAIL' },
      target: { id, name: created.name, status: 'FAIL', repeatedFailCount: 2, authType: 'NONE' },
      result: { status: 'FAIL', httpStatus: 500, description: 'target status:500 != 200' },
    });
    expect(JSON.stringify(mine()[0])).not.toContain('password');
    await probe(id, true); // a third failure changes nothing
    await setUrl('/status/200');
    expect(await probe(id, true)).toMatchObject({ targetStatus: 'FAIL', change: null });
    expect((await target(id)).repeatedFailCount).toBe(0);
    expect(await probe(id, true)).toMatchObject({ change: { from: 'FAIL', to: 'PASS' } });
    expect(mine().map((c) => `${c.change.from}->${c.change.to}`)).toEqual([
      'NEW->FAIL',
      'FAIL->PASS',
    ]);
    await setUrl('/status/500');
    await probe(id);
    // a probe-now without notify=true publishes nothing, even when the status changes
    expect(await probe(id)).toMatchObject({
      change: { from: 'PASS', to: 'FAIL' },
      notified: false,
    });
    expect(mine()).toHaveLength(2);
    expect(await target(id)).toMatchObject({
      status: 'FAIL',
      previousStatus: 'PASS',
      passCount: 2,
      failCount: 5,
      status5xxCount: 5,
      status2xxCount: 2,
      repeatedFailCount: 2,
    });
  });

  it("reports a target's first pass (NEW to PASS) but does not publish it", async () => {
    const { id } = await create({ url: `${server.url}/status/200` });
    expect(await probe(id, true)).toMatchObject({
      targetStatus: 'PASS',
      change: { from: 'NEW', to: 'PASS' },
      notified: false,
    });
    expect(changes.filter((c) => c.target.id === id)).toEqual([]);
  });

  it('shares Keystone tokens, renews them near expiry and fetches again once on a 401', async () => {
    const v3 = {
      type: 'OPENSTACK' as const,
      authUrl: keystone.url,
      keystoneVersion: 'v3' as const,
      username: 'demo',
      password: 'demo-secret',
      projectId: 'p-1',
    };
    const a = await create({ url: `${server.url}/keystone-protected`, auth: v3 });
    const b = await create({ url: `${server.url}/keystone-protected?b`, auth: v3 });
    const before = keystone.issued.v3;
    expect((await probe(a.id)).status).toBe('PASS');
    expect((await probe(b.id)).status).toBe('PASS');
    expect((await probe(a.id)).status).toBe('PASS');
    expect(keystone.issued.v3 - before).toBe(1);

    // Keystone revoked its tokens: the target answers 401, one new token, then PASS
    keystone.validTokens.clear();
    expect(await probe(b.id)).toMatchObject({ status: 'PASS' });
    expect(keystone.issued.v3 - before).toBe(2);
    expect((await probe(a.id)).status).toBe('PASS');
    expect(keystone.issued.v3 - before).toBe(2);

    // a target that refuses every token: exactly one retry, then the 401 is the result
    const refusing = await create({ url: `${server.url}/status/401`, auth: v3 });
    expect(await probe(refusing.id)).toMatchObject({
      status: 'FAIL',
      description: 'target status:401 != 200',
    });
    expect(keystone.issued.v3 - before).toBe(3);

    // tokens about to expire (30 s left, renewed 60 s before expiry) are fetched again
    const v2 = await create({
      url: `${server.url}/keystone-protected`,
      auth: {
        type: 'OPENSTACK',
        authUrl: keystone.url,
        keystoneVersion: 'v2.0',
        username: 'demo',
        password: 'demo-secret',
        tenantName: 'ops',
      },
    });
    keystone.lifetimeMs = 30_000;
    try {
      const v2before = keystone.issued['v2.0'];
      await probe(v2.id);
      await probe(v2.id);
      expect(keystone.issued['v2.0'] - v2before).toBe(2);
    } finally {
      keystone.lifetimeMs = 3_600_000;
    }
  });

  it('writes one probe log line per probe, without secrets', async () => {
    const created = await create({
      name: `logged-${kind}`,
      url: `${server.url}/status/503?token=s3cr3t-token&x=1`,
      auth: { type: 'BASIC', username: 'probe', password: 'probe-secret' },
    });
    await probe(created.id);
    const logged = () =>
      readFileSync(join(t.dataDir, 'probe.log'), 'utf8')
        .split('\n')
        .filter((l) => l.includes(`[${created.id}] `));
    // the line follows the committed record, written with the other lines of its moment
    await until(() => logged().length > 0);
    const lines = logged();
    expect(lines).toHaveLength(1);
    const log = readFileSync(join(t.dataDir, 'probe.log'), 'utf8');
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ERROR \\[${created.id}\\] ` +
          `${`logged-${kind}`.padEnd(30)} GET http://127\\.0\\.0\\.1:\\d+/status/503\\?token=\\*\\*\\*&x=1 ` +
          `FAIL \\(target status:503 != 200\\) \\d+ms$`,
      ),
    );
    expect(log).not.toContain('s3cr3t-token');
    expect(log).not.toContain('probe-secret');
    expect(log).toMatch(/ INFO {2}\[\d+\] .* PASS \(OK\) \d+ms\n/);
  });

  it('lists results newest first, paginated and since a time, and computes uptime', async () => {
    const created = await create({ url: `${server.url}/status/200` });
    const id = created.id;
    const first = await probe(id);
    await probe(id);
    await admin().PATCH('/api/v1/targets/{id}', {
      params: { path: { id } },
      body: { url: `${server.url}/status/500` },
    });
    const last = await probe(id);
    const viewer = clientAs(t.url, 'viewer');
    const page = await viewer.GET('/api/v1/targets/{id}/results', {
      params: { path: { id }, query: { limit: 2, offset: 0 } },
    });
    expect(page.data!.total).toBe(3);
    expect(page.data!.items.map((r) => r.status)).toEqual(['FAIL', 'PASS']);
    expect(page.data!.items[0].probedAt).toBe(last.startedAt);
    const since = await viewer.GET('/api/v1/targets/{id}/results', {
      params: { path: { id }, query: { since: last.startedAt } },
    });
    expect(since.data!.items).toHaveLength(1);
    const old = await viewer.GET('/api/v1/targets/{id}/results', {
      params: { path: { id }, query: { offset: 2 } },
    });
    expect(old.data!.items[0].probedAt).toBe(first.startedAt);

    const uptime = await viewer.GET('/api/v1/targets/{id}/uptime', {
      params: { path: { id } },
    });
    expect(uptime.data).toMatchObject({
      targetId: id,
      last24h: { probes: 3, passed: 2, uptimePercent: 66.667 },
      last7d: { probes: 3, passed: 2 },
      last30d: { probes: 3, passed: 2 },
    });
    expect(uptime.data!.last24h.meanResponseTimeMs).toEqual(expect.any(Number));

    // pruning keeps what is younger than the retention period (30 days)
    const results = t.app.get(ProbeResultsService);
    expect(await results.prune()).toBe(0);
    const in31days = new Date(Date.now() + 31 * 24 * 3_600_000);
    expect(await results.prune(in31days)).toBeGreaterThanOrEqual(3);
    const after = await viewer.GET('/api/v1/targets/{id}/results', { params: { path: { id } } });
    expect(after.data!.total).toBe(0);
  });

  it('checks roles and ids on the probing routes', async () => {
    const created = await create({});
    const as = (role: keyof typeof TEST_USERS) => basicAuth(TEST_USERS[role]);
    await request(t.url)
      .post(`/api/v1/targets/${created.id}/probe`)
      .set('Authorization', as('viewer'))
      .expect(403);
    await request(t.url)
      .post('/api/v1/targets/999999/probe')
      .set('Authorization', as('operator'))
      .expect(404);
    await request(t.url)
      .get('/api/v1/targets/999999/results')
      .set('Authorization', as('viewer'))
      .expect(404);
    await request(t.url)
      .get(`/api/v1/targets/${created.id}/uptime`)
      .set('Authorization', as('viewer'))
      .expect(200);
    await request(t.url)
      .get(`/api/v1/targets/${created.id}/results?since=yesterday`)
      .set('Authorization', as('viewer'))
      .expect(400);
  });

  if (kind === 'sqlite') {
    it('holds the period of a 1 s target beside a hanging one, and stops on disable', async () => {
      const count = async (id: number) => {
        const rows = await t.app
          .get(DataSource)
          .query<{ n: number }[]>(
            `SELECT COUNT(*) AS n FROM probe_results WHERE target_id = ${Number(id)}`,
          );
        return Number(rows[0].n);
      };
      const hanging = await create({
        url: `${server.url}/hang`,
        frequencySeconds: 1,
        timeoutSeconds: 1,
        enabled: true,
      });
      const healthy = await create({
        url: `${server.url}/status/200`,
        frequencySeconds: 1,
        timeoutSeconds: 1,
        enabled: true,
      });
      await sleep(10_000);
      // /health tells how late the probes started: a hanging target does not hold up the others
      const health = (await (await fetch(`${t.url}/health`)).json()) as {
        probing: { scheduleLagMs: number | null };
      };
      expect(health.probing.scheduleLagMs).toBeGreaterThanOrEqual(0);
      expect(health.probing.scheduleLagMs).toBeLessThan(500);
      const disabled = await admin().POST('/api/v1/targets/{id}/disable', {
        params: { path: { id: healthy.id } },
      });
      expect(disabled.response.status).toBe(200);
      await admin().POST('/api/v1/targets/{id}/disable', {
        params: { path: { id: hanging.id } },
      });
      const probed = await count(healthy.id);
      expect(probed).toBeGreaterThanOrEqual(9);
      expect(probed).toBeLessThanOrEqual(11);
      // the hanging target was probed too, each probe ending at its 1 s timeout
      expect(await count(hanging.id)).toBeGreaterThanOrEqual(4);
      await sleep(2_000);
      expect(await count(healthy.id)).toBe(probed);
      expect((await target(healthy.id)).passCount).toBe(probed);
    }, 20_000);
  }
});
