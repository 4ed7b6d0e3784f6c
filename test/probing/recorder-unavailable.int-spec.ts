import { DataSource } from 'typeorm';
import { ProbeDropped, ProbeRecorder } from '../../src/probing/probe-recorder';
import { ProbeResultEntity } from '../../src/probing/probe-result.entity';
import type { ProbeResult } from '../../src/probing/probe-spec';
import { StateChangeEntity } from '../../src/probing/state-change.entity';
import { newTargetState } from '../../src/probing/state';
import { TargetStateEntity } from '../../src/probing/target-state.entity';
import { TargetEntity } from '../../src/targets/target.entity';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/until';

const STATE = newTargetState(new Date('2026-01-01T00:00:00.000Z'));

function result(at: number): ProbeResult {
  return {
    status: 'PASS',
    httpStatus: 200,
    responseTimeMs: 3,
    description: 'OK',
    networkFailure: false,
    startedAt: new Date(at),
    steps: [],
    redirects: 0,
    finalUrl: null,
    certificateExpiresAt: null,
  };
}

describe('ProbeRecorder while another writer holds the SQLite lock', () => {
  let t: TestApp;
  let ds: DataSource;
  let recorder: ProbeRecorder | undefined;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await recorder?.close();
    await t.close();
  });

  it('keeps the probes, writes them once the lock is gone, and drops the oldest beyond its bound, changes of state last', async () => {
    await ds.getRepository(TargetEntity).insert({
      name: 'locked',
      url: 'http://127.0.0.1:9/',
      method: 'GET',
      headers: {},
      body: null,
      authType: 'NONE',
      frequencySeconds: 1,
      timeoutSeconds: 1,
      expectedStatus: '200',
      failureThreshold: 1,
      recoveryThreshold: 1,
      enabled: true,
      notifierIds: [],
    });
    const { id } = await ds.getRepository(TargetEntity).findOneByOrFail({ name: 'locked' });
    await ds.getRepository(TargetStateEntity).insert({ targetId: id, ...STATE });
    recorder = new ProbeRecorder(ds, {
      maxBatch: 10,
      maxDelayMs: 10,
      maxQueued: 100,
      retryBaseMs: 100,
      retryMaxMs: 200,
      writerThread: true,
    });

    // another connection to the file, holding its write lock
    const other = await new DataSource({
      type: 'better-sqlite3',
      database: t.database.url.replace(/^sqlite:/, ''),
    }).initialize();
    await other.query('BEGIN EXCLUSIVE');
    const told: (Error | undefined)[] = [];
    const base = Date.parse('2026-11-01T00:00:00Z');
    const change = (k: number) => ({
      fromStatus: 'PASS' as const,
      toStatus: 'FAIL' as const,
      changedAt: new Date(base + k),
      notify: true,
      details: `{"k":${k}}`,
    });
    for (let k = 0; k < 150; k += 1) {
      // the first five probes changed the target's status
      recorder.enqueue(id, STATE, result(base + k), k < 5 ? change(k) : null, (error) =>
        told.push(error),
      );
    }
    await until(() => recorder!.stats().unavailableSince !== null, 15_000);
    expect(recorder.stats().lastError).toMatch(/locked|busy/i);
    expect(told.every((e) => e instanceof ProbeDropped)).toBe(true);
    await other.query('ROLLBACK');
    await other.destroy();

    await until(() => told.length === 150, 15_000);
    const dropped = told.filter((e) => e instanceof ProbeDropped).length;
    expect(told.filter((e) => e !== undefined && !(e instanceof ProbeDropped))).toEqual([]);
    expect(dropped).toBeGreaterThanOrEqual(50);
    expect(recorder.stats()).toMatchObject({ dropped, queued: 0, unavailableSince: null });
    const changes = await ds.getRepository(StateChangeEntity).find({ order: { id: 'ASC' } });
    expect(changes.map((c) => c.details)).toEqual([0, 1, 2, 3, 4].map((k) => `{"k":${k}}`));
    const written = await ds.getRepository(ProbeResultEntity).count({ where: { targetId: id } });
    expect(written).toBe(150 - dropped);
  }, 60_000);
});
