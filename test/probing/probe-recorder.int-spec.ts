import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ProbeRecorder, TargetGone, writerDatabase } from '../../src/probing/probe-recorder';
import { ProbeResultEntity } from '../../src/probing/probe-result.entity';
import type { ProbeResult } from '../../src/probing/probe-spec';
import { ShortWrite, WriterThread } from '../../src/probing/writer-thread';
import { applyResult, newTargetState, type TargetState } from '../../src/probing/state';
import { TargetStateEntity } from '../../src/probing/target-state.entity';
import { TargetEntity } from '../../src/targets/target.entity';
import { startTestApp, type TestApp } from '../support/app';
import { databaseKinds, type DatabaseKind } from '../support/database';
import { until } from '../support/until';

const NEW_STATE = newTargetState(new Date('2026-01-01T00:00:00.000Z'));

const THRESHOLDS = { failureThreshold: 1, recoveryThreshold: 1 };

function result(
  httpStatus: number | null,
  startedAt: Date,
  description = httpStatus === 200 ? 'OK' : `target status:${httpStatus} != 200`,
): ProbeResult {
  return {
    status: httpStatus === 200 ? 'PASS' : 'FAIL',
    httpStatus,
    responseTimeMs: 12.4,
    description,
    networkFailure: httpStatus === null,
    startedAt,
    steps: [],
    redirects: 0,
    finalUrl: null,
    certificateExpiresAt: null,
  };
}

/** Each database is written from a thread of its own, or on the application's connection. */
const setups = databaseKinds().flatMap(
  (kind): { kind: DatabaseKind; writerThread: boolean; label: string }[] => [
    { kind, writerThread: true, label: `${kind}, writer thread` },
    { kind, writerThread: false, label: `${kind}, application connection` },
  ],
);

describe.each(setups)('ProbeRecorder on $label', ({ kind, writerThread }) => {
  let t: TestApp;
  let ds: DataSource;
  const recorders: ProbeRecorder[] = [];
  const newRecorder = (maxBatch: number, largestBatch?: number) => {
    const recorder = new ProbeRecorder(ds, {
      maxBatch,
      maxDelayMs: 60_000,
      largestBatch,
      writerThread,
    });
    recorders.push(recorder);
    return recorder;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    for (const recorder of recorders) await recorder.close();
    await t.close();
  });

  async function insertTargets(prefix: string, n: number): Promise<number[]> {
    for (let i = 0; i < n; i += 200) {
      const rows = Array.from({ length: Math.min(200, n - i) }, (_, k) => ({
        name: `${prefix}-${i + k}`,
        url: 'http://127.0.0.1:9/',
        method: 'GET' as const,
        headers: {},
        body: null,
        authType: 'NONE' as const,
        frequencySeconds: 10,
        timeoutSeconds: 5,
        expectedStatus: '200',
        failureThreshold: 1,
        recoveryThreshold: 1,
        enabled: true,
        notifierIds: [],
      }));
      await ds.createQueryBuilder().insert().into(TargetEntity).values(rows).execute();
    }
    const found = await ds.getRepository(TargetEntity).find({ select: ['id', 'name'] });
    const ids = found
      .filter((r) => r.name.startsWith(`${prefix}-`))
      .sort((a, b) => Number(a.name.split('-')[1]) - Number(b.name.split('-')[1]))
      .map((r) => r.id);
    for (let i = 0; i < ids.length; i += 200) {
      const states = ids.slice(i, i + 200).map((targetId) => ({ targetId, ...NEW_STATE }));
      await ds.createQueryBuilder().insert().into(TargetStateEntity).values(states).execute();
    }
    return ids;
  }

  /** A target's definition and its state row together. */
  const row = async (id: number) => ({
    ...(await ds.getRepository(TargetEntity).findOneByOrFail({ id })),
    ...(await ds.getRepository(TargetStateEntity).findOneByOrFail({ targetId: id })),
  });
  const results = (id: number) =>
    ds.getRepository(ProbeResultEntity).find({ where: { targetId: id }, order: { id: 'ASC' } });

  it('writes each target the state after its last probe, and every probe as a result row', async () => {
    const [a, b, gone] = await insertTargets('batch', 3);
    const recorder = newRecorder(1000);
    const t1 = new Date('2026-11-21T10:00:00.123Z');
    const t2 = new Date('2026-11-21T10:00:10.456Z');
    const changedAt = new Date('2026-11-21T10:00:10.500Z');

    const a1 = applyResult(NEW_STATE, result(503, t1), THRESHOLDS, changedAt).state;
    const a2 = applyResult(a1, result(200, t2), THRESHOLDS, changedAt).state;
    // a state that carries no lastUpdated keeps the stored one
    const b1 = { ...applyResult(NEW_STATE, result(null, t1, 'x'.repeat(2000)), THRESHOLDS).state };
    b1.lastUpdated = null;
    const goneState = applyResult(NEW_STATE, result(200, t1), THRESHOLDS).state;

    const recorded = [
      recorder.record(a, a1, result(503, t1)),
      recorder.record(b, b1, result(null, t1, 'x'.repeat(2000))),
      recorder.record(gone, goneState, result(200, t1)),
      recorder.record(a, a2, result(200, t2)),
    ];
    await ds.getRepository(TargetEntity).delete({ id: gone });
    const outcomes = Promise.allSettled(recorded);
    const threadWrites = jest.spyOn(WriterThread.prototype, 'write');
    await recorder.drain();
    const settled = await outcomes;
    // the batch, then each probe alone: through the writer thread only where it is configured
    expect(threadWrites).toHaveBeenCalledTimes(writerThread ? 5 : 0);
    threadWrites.mockRestore();

    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(TargetGone);

    expect(await row(a)).toMatchObject({
      status: 'PASS',
      previousStatus: 'FAIL',
      statusDescription: 'OK',
      lastUpdated: changedAt,
      lastProbeAt: t2,
      lastResponseTimeMs: 12,
      passCount: 1,
      failCount: 1,
      status2xxCount: 1,
      status5xxCount: 1,
      networkFailCount: 0,
      repeatedFailCount: 0,
      name: 'batch-0',
      url: 'http://127.0.0.1:9/',
    });
    const rowB = await row(b);
    expect(rowB).toMatchObject({
      status: 'FAIL',
      lastUpdated: NEW_STATE.lastUpdated,
      networkFailCount: 1,
      failCount: 1,
      repeatedFailCount: 1,
    });
    expect(rowB.statusDescription).toHaveLength(1024);

    expect(
      (await results(a)).map((r) => [r.status, r.httpStatus, r.probedAt, r.responseTimeMs]),
    ).toEqual([
      ['FAIL', 503, t1, 12],
      ['PASS', 200, t2, 12],
    ]);
    const [onlyB] = await results(b);
    expect(onlyB).toMatchObject({ status: 'FAIL', httpStatus: null });
    expect(onlyB.description).toHaveLength(1024);
    expect(await results(gone)).toEqual([]);
  });

  it('writes a batch larger than one statement holds', async () => {
    const ids = await insertTargets('many', 1203);
    const recorder = newRecorder(5000);
    const at = new Date('2026-11-21T11:00:00.000Z');
    const pending = ids.map((id, i) =>
      recorder.record(
        id,
        applyResult(NEW_STATE, result(i % 2 ? 200 : 404, at), THRESHOLDS).state,
        result(i % 2 ? 200 : 404, at),
      ),
    );
    await recorder.drain();
    await Promise.all(pending);

    const rows = await ds
      .getRepository(TargetStateEntity)
      .find({ select: ['targetId', 'status', 'status4xxCount'] });
    const byId = new Map(rows.map((r) => [r.targetId, r]));
    ids.forEach((id, i) =>
      expect(byId.get(id)).toMatchObject(
        i % 2 ? { status: 'PASS', status4xxCount: 0 } : { status: 'FAIL', status4xxCount: 1 },
      ),
    );
    const stored = await ds
      .getRepository(ProbeResultEntity)
      .createQueryBuilder('r')
      .where('r.probedAt = :at', { at })
      .getCount();
    expect(stored).toBe(ids.length);
  });
  it('writes batches of many sizes, each size again after others', async () => {
    const ids = await insertTargets('sizes', 40);
    const recorder = newRecorder(1000);
    const at = new Date('2026-11-21T11:30:00.000Z');
    const states = new Map<number, TargetState>();
    // batches of 1 to 40 probes, then 40 to 1: target i is in 2 × (40 - i) of them
    const sizes = [...ids.keys()].map((k) => k + 1);
    const writes = writerThread
      ? jest.spyOn(WriterThread.prototype, 'write')
      : jest.spyOn(ds, 'transaction');
    for (const size of [...sizes, ...[...sizes].reverse()]) {
      const pending = ids.slice(0, size).map((id) => {
        const state = applyResult(states.get(id) ?? NEW_STATE, result(200, at), THRESHOLDS).state;
        states.set(id, state);
        return recorder.record(id, state, result(200, at));
      });
      await recorder.drain();
      await Promise.all(pending);
    }
    // one transaction each: no batch failed and was written again probe by probe
    expect(writes).toHaveBeenCalledTimes(80);
    writes.mockRestore();
    for (const [i, id] of ids.entries()) {
      expect(await row(id)).toMatchObject({ passCount: 2 * (40 - i) });
      expect(await results(id)).toHaveLength(2 * (40 - i));
    }
  });

  it('writes a queue longer than the largest batch as several batches, in order', async () => {
    const [a, b] = await insertTargets('backlog', 2);
    const recorder = newRecorder(1000, 3);
    const writes = writerThread
      ? jest.spyOn(WriterThread.prototype, 'write')
      : jest.spyOn(ds, 'transaction');
    const start = Date.parse('2026-11-21T12:00:00.000Z');
    const states = new Map<number, TargetState>();
    const pending = [a, b, a, b, a, b, a].map((id, i) => {
      const probe = result(200, new Date(start + i * 1000));
      const state = applyResult(states.get(id) ?? NEW_STATE, probe, THRESHOLDS).state;
      states.set(id, state);
      return recorder.record(id, state, probe);
    });
    await recorder.drain();
    await Promise.all(pending);
    // 7 probes, at most 3 a batch
    expect(writes).toHaveBeenCalledTimes(3);
    writes.mockRestore();

    // the state after each target's last probe, every probe a row
    expect(await row(a)).toMatchObject({ passCount: 4, status2xxCount: 4 });
    expect(await row(b)).toMatchObject({ passCount: 3, status2xxCount: 3 });
    expect((await results(a)).map((r) => r.probedAt.getTime())).toEqual(
      [0, 2, 4, 6].map((i) => start + i * 1000),
    );
    expect(await results(b)).toHaveLength(3);
  });

  it('writes one batch at a time: probes that arrive meanwhile go together in the next', async () => {
    const [a, b] = await insertTargets('together', 2);
    // every probe alone makes a full batch
    const recorder = newRecorder(1);
    const writes = writerThread
      ? jest.spyOn(WriterThread.prototype, 'write')
      : jest.spyOn(ds, 'transaction');
    const start = Date.parse('2026-11-21T13:00:00.000Z');
    const states = new Map<number, TargetState>();
    const pending = [a, b, a, b, a, b].map((id, i) => {
      const probe = result(i === 5 ? 503 : 200, new Date(start + i * 1000));
      const state = applyResult(states.get(id) ?? NEW_STATE, probe, THRESHOLDS).state;
      states.set(id, state);
      return recorder.record(id, state, probe);
    });
    await Promise.all(pending);
    // the first probe is written at once, the five queued behind it in a second batch
    expect(writes).toHaveBeenCalledTimes(2);
    writes.mockRestore();

    expect(await row(a)).toMatchObject({ passCount: 3, failCount: 0 });
    expect(await row(b)).toMatchObject({ passCount: 2, failCount: 1, status: 'FAIL' });
    expect(await results(a)).toHaveLength(3);
    expect(await results(b)).toHaveLength(3);
  });

  it("leaves the target's updatedAt (its definition's last change) alone", async () => {
    const [id] = await insertTargets('untouched', 1);
    const before = (await row(id)).updatedAt;
    await sleep(20);
    const recorder = newRecorder(1);
    const probe = result(200, new Date());
    await recorder.record(id, applyResult(NEW_STATE, probe, THRESHOLDS).state, probe);
    expect(await row(id)).toMatchObject({ passCount: 1, updatedAt: before });
  });

  it('drains what was queued when asked, not the probes that keep arriving after', async () => {
    const [id] = await insertTargets('flow', 1);
    const recorder = new ProbeRecorder(ds, { maxBatch: 1000, maxDelayMs: 5, writerThread });
    recorders.push(recorder);
    // every write takes at least 50 ms, so that probes keep arriving while one is written
    const original = (writerThread ? WriterThread.prototype.write : ds.transaction) as (
      ...args: unknown[]
    ) => Promise<unknown>;
    const slow = writerThread
      ? jest.spyOn(WriterThread.prototype, 'write')
      : jest.spyOn(ds, 'transaction');
    slow.mockImplementation(async function (this: unknown, ...args: unknown[]) {
      await sleep(50);
      return original.apply(this, args);
    } as never);
    const start = Date.parse('2026-11-21T14:00:00.000Z');
    let state: TargetState = NEW_STATE;
    let n = 0;
    const add = () => {
      const probe = result(200, new Date(start + n++ * 1000));
      state = applyResult(state, probe, THRESHOLDS).state;
      return recorder.record(id, state, probe);
    };
    // the thread is started and the statements prepared before the clock runs
    await add();
    const recorded = [add()];
    const t0 = Date.now();
    const drained = recorder.drain().then(() => Date.now() - t0);
    // a probe every 10 ms for one second
    const flow = setInterval(() => recorded.push(add()), 10);
    setTimeout(() => clearInterval(flow), 1000);
    const took = await drained;
    await sleep(Math.max(0, 1100 - (Date.now() - t0)));
    await Promise.all(recorded);
    await recorder.drain();
    slow.mockRestore();
    expect(took).toBeLessThan(600);
    expect(await results(id)).toHaveLength(n);
  });

  if (kind === 'sqlite' && !writerThread) {
    it("runs the application's SQLite connection in WAL mode with synchronous NORMAL", async () => {
      expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    });
  }

  if (writerThread) {
    const newWriter = () => {
      const database = writerDatabase(ds.options);
      if (!database) throw new Error('no writer thread for this database');
      return new WriterThread(database);
    };
    const q = (name: string) => ds.driver.escape(name);
    const rename = (id: number, name: string) => ({
      sql: `UPDATE ${q('targets')} SET ${q('name')} = ? WHERE ${q('id')} = ?`,
      params: [name, id],
    });

    it('writer thread: a failing statement rolls back its whole batch, the next batch still lands', async () => {
      const [id] = await insertTargets('rollback', 1);
      const writer = newWriter();
      try {
        await expect(
          writer.write([
            rename(id, 'renamed'),
            { sql: `INSERT INTO ${q('no_such_table')} VALUES (1)`, params: [] },
          ]),
        ).rejects.toThrow(/no such table|doesn't exist/);
        expect((await row(id)).name).toBe('rollback-0');
        await expect(writer.write([{ ...rename(id, 'never'), minChanges: 2 }])).rejects.toThrow(
          ShortWrite,
        );
        expect((await row(id)).name).toBe('rollback-0');
        await writer.write([rename(id, 'renamed')]);
        expect((await row(id)).name).toBe('renamed');
      } finally {
        await writer.close();
      }
    });

    if (kind === 'mysql') {
      it('writer thread: a lost MySQL connection is opened again for the next batch', async () => {
        const [id] = await insertTargets('reconnect', 1);
        const sessions = async () =>
          (
            await ds.query<{ id: number | string }[]>(
              'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = DATABASE()',
            )
          ).map((r) => Number(r.id));
        // the application's pool opens all its connections (mysql2's default limit is 10) now, so
        // that none it opens later for its own work passes for the writer's
        await Promise.all(Array.from({ length: 10 }, () => ds.query('SELECT SLEEP(0.05)')));
        const writer = newWriter();
        try {
          const before = new Set(await sessions());
          await writer.write([rename(id, 'first')]);
          const own = (await sessions()).filter((s) => !before.has(s));
          expect(own).toHaveLength(1);
          await ds.query(`KILL ${own[0]}`);
          await until(async () => !(await sessions()).includes(own[0]));
          // the batch that meets the dead connection may fail whole; the one after it lands
          await writer
            .write([rename(id, 'second')])
            .catch(() => writer.write([rename(id, 'second')]));
          expect((await row(id)).name).toBe('second');
        } finally {
          await writer.close();
        }
      });
    }
  }
});
