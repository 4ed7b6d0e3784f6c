import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { gateSqliteTransactions } from '../../src/database/sqlite-gate';
import { runMigrations } from '../../src/database/migrate';
import type { CommandService } from '../../src/commands/command.service';
import type { SitesService } from '../../src/sites/sites.service';
import type { ScheduledJobs } from '../../src/common/scheduled-jobs';
import type { NotificationsService } from '../../src/notifications/notifications.service';
import type { ProbingService, ProbingStats } from '../../src/probing/probing.service';
import { HealthService, SITES_CACHED_MS, STUCK_AFTER_MS } from '../../src/health/health.service';

describe('HealthService', () => {
  let dir: string;
  let ds: DataSource;
  let stats: ProbingStats;
  let siteChecks: number;

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
      fencedOut: 0,
      shards: 256,
      targets: 3,
      scheduleLagMs: 4,
      recorder: {
        queued: 0,
        dropped: 0,
        unavailableSince: null,
        lastError: null,
        lastCommitAt: null,
      },
    };
    siteChecks = 0;
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const failedAt = new Date('2026-01-02T03:04:05Z');
  const service = () =>
    new HealthService(
      ds,
      { stats: () => stats } as unknown as ProbingService,
      {
        checkAll: () => {
          siteChecks += 1;
          return Promise.resolve([
            { name: 'local', kind: 'livestatus', reachable: true, latencyMs: 1.5 },
          ]);
        },
      } as unknown as SitesService,
      {
        pipeHealth: () => Promise.resolve({ path: '/p', present: false, hasReader: false }),
      } as unknown as CommandService,
      {
        outboxCounts: () => Promise.resolve({ pending: 2, dead: 1 }),
      } as unknown as NotificationsService,
      {
        stats: () => [
          { name: 'a.job', everyMs: 1000, runs: 3, failures: 1, lastFailureAt: failedAt },
        ],
      } as unknown as ScheduledJobs,
    );
  const health = () => service().check();

  it('is ok while the database answers and takes writes', async () => {
    expect(await health()).toEqual({
      status: 'ok',
      database: 'up',
      sites: [
        {
          name: 'local',
          kind: 'livestatus',
          reachable: true,
          latencyMs: 1.5,
          checkedAt: expect.any(Date) as Date,
        },
      ],
      commandPipe: { path: '/p', present: false, hasReader: false },
      mail: { pending: 2, dead: 1 },
      probing: {
        targets: 3,
        shards: 256,
        fencedOut: 0,
        queued: 0,
        lostResults: 0,
        writesFailingSince: null,
        scheduleLagMs: 4,
      },
      jobs: [{ name: 'a.job', everyMs: 1000, runs: 3, failures: 1, lastFailureAt: failedAt }],
    });
  });

  it('tells a database whose writes fail for longer than the limit as stuck', async () => {
    const since = new Date(Date.now() - STUCK_AFTER_MS + 5000);
    stats.recorder = { ...stats.recorder, queued: 40, dropped: 7, unavailableSince: since };
    expect(await health()).toMatchObject({ status: 'ok', database: 'up' });
    jest.spyOn(Date, 'now').mockReturnValue(since.getTime() + STUCK_AFTER_MS + 1);
    expect(await health()).toMatchObject({
      status: 'error',
      database: 'stuck',
      mail: null,
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

  it('asks the sites again only once their answers are older than the cache time', async () => {
    const health = service();
    const first = await health.check();
    await health.check();
    expect(siteChecks).toBe(1);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + SITES_CACHED_MS);
    const later = await health.check();
    expect(siteChecks).toBe(2);
    expect(later.sites[0].checkedAt.getTime()).toBeGreaterThan(first.sites[0].checkedAt.getTime());
  });

  it('is ready once every migration is applied, not before', async () => {
    const health = service();
    expect(await health.ready()).toEqual({
      status: 'error',
      database: 'up',
      migrations: 'pending',
    });
    await runMigrations(ds);
    expect(await health.ready()).toEqual({ status: 'ok', database: 'up', migrations: 'done' });
  });
});
