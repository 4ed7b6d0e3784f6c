import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { closedPort, startTargetServer, type LocalServer } from '../probing/target-servers';
import { startSmtpServer, type TestSmtpServer } from '../notifications/smtp-servers';
import {
  itWithPromtool,
  promtool,
  samplesOf,
  scrape,
  scrapeUntil,
  valueOf,
  type Scrape,
} from './scrape';

const admin = basicAuth(TEST_USERS.admin);
const viewer = basicAuth(TEST_USERS.viewer);

/** A target name with the characters a label value must escape. */
const HOSTILE_NAME = 'edge "prod" \\ line';

describe.each(databaseKinds())('GET /metrics on %s', (kind) => {
  let t: TestApp;
  let targets: LocalServer;
  let smtp: TestSmtpServer;
  let seq = 0;

  beforeAll(async () => {
    targets = await startTargetServer(new Set());
    smtp = await startSmtpServer();
    t = await startTestApp(kind, {
      VIGIL_PROBING_ENABLED: 'true',
      VIGIL_NOTIFY_POLL_MS: '200',
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await t?.close();
    await targets?.close();
    await smtp?.close();
  });

  const call = (method: 'get' | 'post' | 'patch' | 'delete', path: string, auth = admin) =>
    request(t.url)[method](path).set('authorization', auth);

  async function createTarget(path: string, extra: Record<string, unknown> = {}) {
    seq += 1;
    const res = await call('post', '/api/v1/targets').send({
      name: `m${seq}-${kind}`,
      url: `${targets.url}${path}`,
      frequencySeconds: 1,
      timeoutSeconds: 1,
      ...extra,
    });
    expect([res.status, res.text]).toEqual([201, expect.stringContaining('"id"')]);
    const { id, name } = res.body as { id: number; name: string };
    return { id, name, labels: { target_id: String(id), target: name } };
  }

  async function createNotifier(port: number): Promise<number> {
    seq += 1;
    const res = await call('post', '/api/v1/notifiers').send({
      name: `mn${seq}-${kind}`,
      address: [`ops${seq}@example.test`],
      smtp: { host: '127.0.0.1', port, security: 'none', from: 'vigil@example.test' },
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return (res.body as { id: number }).id;
  }

  it('answers 401 with a Basic challenge without credentials', async () => {
    const res = await request(t.url).get('/metrics');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="vigil"/);
    expect(res.text).not.toContain('vigil_');
  });

  it('answers a viewer in the Prometheus text format with the process and Node.js defaults', async () => {
    const res = await call('get', '/metrics', viewer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(res.text).toMatch(/^# TYPE vigil_probes_total counter$/m);
  });

  it('counts probes by target and result, their duration and the targets up or down', async () => {
    const before = await scrape(t.url);
    const passing = await createTarget('/status/200', { name: `${HOSTILE_NAME} ${kind}` });
    const failing = await createTarget('/status/500');
    const s = await scrapeUntil(
      t.url,
      'two probes of each target',
      (x) =>
        valueOf(x, 'vigil_probes_total', { ...passing.labels, result: 'pass' }) >= 2 &&
        valueOf(x, 'vigil_probes_total', { ...failing.labels, result: 'fail' }) >= 2,
    );
    expect(valueOf(s, 'vigil_probes_total', { ...passing.labels, result: 'fail' })).toBe(0);
    expect(valueOf(s, 'vigil_probes_total', { ...failing.labels, result: 'pass' })).toBe(0);
    expect(samplesOf(s, 'vigil_target_up', passing.labels).map((x) => x.value)).toEqual([1]);
    expect(samplesOf(s, 'vigil_target_up', failing.labels).map((x) => x.value)).toEqual([0]);
    for (const result of ['pass', 'fail']) {
      expect(valueOf(s, 'vigil_probe_duration_seconds_count', { result })).toBeGreaterThanOrEqual(
        valueOf(before, 'vigil_probe_duration_seconds_count', { result }) + 2,
      );
    }
    // scheduled probes start on their plan and are written in batches
    expect(valueOf(s, 'vigil_probe_schedule_lag_seconds_count')).toBeGreaterThan(
      valueOf(before, 'vigil_probe_schedule_lag_seconds_count'),
    );
    const written = await scrapeUntil(
      t.url,
      'a batch written',
      (x) =>
        valueOf(x, 'vigil_recorder_batch_write_seconds_count') >
        valueOf(before, 'vigil_recorder_batch_write_seconds_count'),
    );
    expect(samplesOf(written, 'vigil_recorder_queue_depth')).toEqual([
      { name: 'vigil_recorder_queue_depth', labels: {}, value: expect.any(Number) as number },
    ]);
    // the escaped name reads back as it was given; the URL is no label
    expect(samplesOf(s, 'vigil_target_up', { target_id: passing.labels.target_id })[0]).toEqual(
      expect.objectContaining({ labels: passing.labels }),
    );
    expect(s.text).not.toContain(targets.url);
    await call('delete', `/api/v1/targets/${passing.id}`).expect(204);
    await call('delete', `/api/v1/targets/${failing.id}`).expect(204);
  });

  it('follows a rename and removes the series of a disabled or deleted target', async () => {
    const a = await createTarget('/status/200');
    const b = await createTarget('/status/200');
    await scrapeUntil(t.url, 'both targets up', (x) =>
      [a, b].every((o) => valueOf(x, 'vigil_target_up', o.labels) === 1),
    );
    const renamed = `${a.name}-renamed`;
    await call('patch', `/api/v1/targets/${a.id}`).send({ name: renamed }).expect(200);
    const after = await scrapeUntil(
      t.url,
      'the new name',
      (x) =>
        samplesOf(x, 'vigil_target_up', { target_id: String(a.id), target: renamed }).length === 1,
    );
    expect(samplesOf(after, 'vigil_target_up', a.labels)).toEqual([]);
    expect(samplesOf(after, 'vigil_probes_total', a.labels)).toEqual([]);

    await call('post', `/api/v1/targets/${a.id}/disable`).expect(200);
    await call('delete', `/api/v1/targets/${b.id}`).expect(204);
    const gone = await scrape(t.url);
    for (const id of [a.id, b.id]) {
      for (const name of ['vigil_probes_total', 'vigil_target_up']) {
        expect(samplesOf(gone, name, { target_id: String(id) })).toEqual([]);
      }
    }
  });

  it('counts mails sent and failed, and the outbox pending', async () => {
    const before = await scrape(t.url);
    const good = await createNotifier(smtp.port);
    const bad = await createNotifier(await closedPort());
    const target = await createTarget('/status/500', { notifierIds: [good, bad] });
    const s = await scrapeUntil(
      t.url,
      'one mail sent and one failed',
      (x) =>
        valueOf(x, 'vigil_outbox_deliveries_total', { outcome: 'sent' }) >
          valueOf(before, 'vigil_outbox_deliveries_total', { outcome: 'sent' }) &&
        valueOf(x, 'vigil_outbox_deliveries_total', { outcome: 'failed' }) >
          valueOf(before, 'vigil_outbox_deliveries_total', { outcome: 'failed' }),
    );
    expect(smtp.received.some((m) => m.subject.endsWith(` ${target.name}`))).toBe(true);
    // the failed one waits for its retry (30 s away): pending; nothing is dead
    expect(valueOf(s, 'vigil_outbox_messages', { state: 'pending' })).toBeGreaterThanOrEqual(1);
    expect(samplesOf(s, 'vigil_outbox_messages', { state: 'dead' }).map((x) => x.value)).toEqual([
      0,
    ]);
    await call('delete', `/api/v1/targets/${target.id}`).expect(204);
  });

  it('times HTTP requests by route template and status, never by the URL asked for', async () => {
    await call('get', '/api/v1/targets/987654').expect(404);
    await call('get', '/no/such/page-4711').expect(404);
    const s = await scrape(t.url);
    expect(
      valueOf(s, 'vigil_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/targets/:id',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(s, 'vigil_http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(s.text).not.toContain('987654');
    expect(s.text).not.toContain('page-4711');
  });

  it(`has the cluster's series ${kind === 'mysql' ? 'while instances share MariaDB' : 'only with MariaDB'}`, async () => {
    const s: Scrape = await scrape(t.url);
    if (kind === 'mysql') {
      expect(valueOf(s, 'vigil_cluster_members')).toBe(1);
      expect(valueOf(s, 'vigil_cluster_shards_owned')).toBe(256);
    } else {
      expect(s.types.has('vigil_cluster_members')).toBe(false);
      expect(s.types.has('vigil_cluster_shards_owned')).toBe(false);
    }
  });

  itWithPromtool('is a scrape promtool check metrics accepts', async () => {
    const target = await createTarget('/status/200', { name: `${HOSTILE_NAME} kept ${kind}` });
    await scrapeUntil(t.url, 'a probe', (x) => valueOf(x, 'vigil_target_up', target.labels) === 1);
    const res = await call('get', '/metrics', viewer).expect(200);
    promtool(['check', 'metrics'], res.text);
  });
});

describe('GET /metrics with VIGIL_METRICS_PUBLIC=true', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { VIGIL_METRICS_PUBLIC: 'true', VIGIL_DOCS_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers without credentials, while the API still needs them', async () => {
    const res = await request(t.url).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^# TYPE vigil_target_up gauge$/m);
    await request(t.url).get('/api/v1/targets').expect(401);
  });
});
