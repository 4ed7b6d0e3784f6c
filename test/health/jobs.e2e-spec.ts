import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { until } from '../support/until';

interface JobHealth {
  name: string;
  everyMs: number;
  runs: number;
  failures: number;
  lastFailureAt: string | null;
}

async function job(t: TestApp, name: string): Promise<JobHealth> {
  const health = await request(t.url).get('/health').expect(200);
  const found = (health.body.jobs as JobHealth[]).find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name} in /health`);
  return found;
}

describe.each(databaseKinds())('scheduled jobs (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { VIGIL_NOTIFY_POLL_MS: '50' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists the retention job, the outbox poll, the Icinga bridge (and on MySQL the cluster leases) in /health, with their periods', async () => {
    const health = await request(t.url).get('/health').expect(200);
    const leases =
      kind === 'mysql'
        ? [
            {
              name: 'cluster.leases',
              everyMs: 3333,
              runs: expect.any(Number) as number,
              failures: 0,
              lastFailureAt: null,
            },
          ]
        : [];
    expect(health.body.jobs).toEqual([
      ...leases,
      {
        name: 'probe-results.prune',
        everyMs: 3_600_000,
        runs: 0,
        failures: 0,
        lastFailureAt: null,
      },
      {
        name: 'notifications.outbox-poll',
        everyMs: 50,
        runs: expect.any(Number) as number,
        failures: 0,
        lastFailureAt: null,
      },
      {
        name: 'icinga-bridge.refresh',
        everyMs: 5000,
        runs: expect.any(Number) as number,
        failures: 0,
        lastFailureAt: null,
      },
    ]);
  });

  it('counts the outbox poll failing while its table is gone, and keeps polling', async () => {
    const dataSource = t.app.get(DataSource);
    await dataSource.query('ALTER TABLE notifications RENAME TO notifications_away');
    try {
      await until(async () => (await job(t, 'notifications.outbox-poll')).failures >= 3, 10_000);
    } finally {
      await dataSource.query('ALTER TABLE notifications_away RENAME TO notifications');
    }
    expect(t.logger.lines.join('\n')).toMatch(
      /error \[Jobs\] notifications\.outbox-poll failed \(1 time\(s\) since start\): /,
    );
    const broken = await job(t, 'notifications.outbox-poll');
    expect(broken.lastFailureAt).not.toBeNull();
    // the table is back: runs go on, without new failures
    await until(async () => (await job(t, 'notifications.outbox-poll')).runs >= broken.runs + 5);
    const healed = await job(t, 'notifications.outbox-poll');
    expect(healed.failures - broken.failures).toBeLessThanOrEqual(1); // one run may straddle the rename
    const later = await job(t, 'notifications.outbox-poll');
    await until(async () => (await job(t, 'notifications.outbox-poll')).runs >= later.runs + 5);
    expect((await job(t, 'notifications.outbox-poll')).failures).toBe(later.failures);
  }, 30_000);
});
