import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../database/data-source';
import { gateSqliteTransactions } from '../database/sqlite-gate';
import type { ProbingService, ProbingStats } from '../probing/probing.service';
import { HealthService, STUCK_AFTER_MS } from './health.service';

describe('HealthService', () => {
  let dir: string;
  let ds: DataSource;
  let stats: ProbingStats;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-health-'));
    ds = await new DataSource(
      buildDataSourceOptions({ type: 'sqlite', file: join(dir, 'db.sqlite'), migrate: false }),
    ).initialize();
    gateSqliteTransactions(ds);
    stats = {
      started: 0,
      skipped: 0,
      failed: 0,
      recorded: 0,
      recordFailures: 0,
      targets: 3,
      recorder: {
        queued: 0,
        dropped: 0,
        unavailableSince: null,
        lastError: null,
        lastCommitAt: null,
      },
    };
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = () =>
    new HealthService(ds, { stats: () => stats } as unknown as ProbingService).check();

  it('is ok while the database answers and takes writes', async () => {
    expect(await health()).toEqual({
      status: 'ok',
      database: 'up',
      probing: { targets: 3, queued: 0, lostResults: 0, writesFailingSince: null },
    });
  });

  it('tells a database whose writes fail for longer than the limit as stuck', async () => {
    const since = new Date(Date.now() - STUCK_AFTER_MS + 5000);
    stats.recorder = { ...stats.recorder, queued: 40, dropped: 7, unavailableSince: since };
    expect(await health()).toMatchObject({ status: 'ok', database: 'up' });
    jest.spyOn(Date, 'now').mockReturnValue(since.getTime() + STUCK_AFTER_MS + 1);
    expect(await health()).toEqual({
      status: 'error',
      database: 'stuck',
      probing: { targets: 3, queued: 40, lostResults: 7, writesFailingSince: since },
    });
  });

  it('tells a transaction that holds the SQLite write lock for too long as stuck', async () => {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const opened = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(opened + STUCK_AFTER_MS + 1000);
      expect(await health()).toMatchObject({ status: 'error', database: 'stuck' });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    jest.restoreAllMocks();
    expect(await health()).toMatchObject({ status: 'ok', database: 'up' });
  });
});
