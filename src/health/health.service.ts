import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandService } from '../commands/command.service';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { migrationsPending } from '../database/migrate';
import { sqliteGateState } from '../database/sqlite-gate';
import { NotificationsService } from '../notifications/notifications.service';
import { ProbingService } from '../probing/probing.service';
import { SitesService } from '../sites/sites.service';
import type { HealthDto, MailHealthDto, ReadyDto, SiteHealthDto } from './dto/health.dto';

const DATABASE_TIMEOUT_MS = 2000;

/** Writes failing, or a transaction holding the write lock, this long make the database `stuck`. */
export const STUCK_AFTER_MS = 30_000;

/** How long a site may take to answer `GET status` before it counts as unreachable. */
export const SITE_TIMEOUT_MS = 2000;

/** How long the sites' answers are kept, so that /health polled often does not load Icinga. */
export const SITES_CACHED_MS = 5000;

type DatabaseState = HealthDto['database'];

@Injectable()
export class HealthService {
  private sites: { at: number; value: Promise<SiteHealthDto[]> } | null = null;
  /** Once every migration is applied it stays so: the check is not repeated. */
  private migrated = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly probing: ProbingService,
    private readonly sitesRegistry: SitesService,
    private readonly commands: CommandService,
    private readonly notifications: NotificationsService,
    private readonly jobs: ScheduledJobs,
  ) {}

  async check(): Promise<HealthDto> {
    const { targets, shards, fencedOut, recorder, scheduleLagMs } = this.probing.stats();
    const probing = {
      targets,
      shards,
      fencedOut,
      queued: recorder.queued,
      lostResults: recorder.dropped,
      writesFailingSince: recorder.unavailableSince,
      scheduleLagMs,
    };
    const [database, sites, commandPipe] = await Promise.all([
      this.database(),
      this.siteStates(),
      this.commands.pipeHealth(),
    ]);
    const mail = database === 'up' ? await this.mail() : null;
    return {
      status: database === 'up' ? 'ok' : 'error',
      database,
      sites,
      commandPipe,
      mail,
      probing,
      jobs: this.jobs.stats(),
    };
  }

  async ready(): Promise<ReadyDto> {
    const database = await this.database();
    const migrations = database === 'up' ? await this.migrations() : 'unknown';
    const ok = database === 'up' && migrations === 'done';
    return { status: ok ? 'ok' : 'error', database, migrations };
  }

  private async database(): Promise<DatabaseState> {
    const { recorder } = this.probing.stats();
    const now = Date.now();
    const heldSince = sqliteGateState(this.dataSource)?.heldSince ?? null;
    const stuck = [recorder.unavailableSince, heldSince].some(
      (since) => since !== null && now - since.getTime() > STUCK_AFTER_MS,
    );
    // a stuck SQLite transaction would hold up the query too: it is not asked then
    if (stuck) return 'stuck';
    const answers = await within(this.dataSource.query('SELECT 1')).then(
      () => true,
      () => false,
    );
    return answers ? 'up' : 'down';
  }

  private async migrations(): Promise<ReadyDto['migrations']> {
    if (!this.migrated) {
      const pending = await within(migrationsPending(this.dataSource)).catch(() => null);
      if (pending === null) return 'unknown';
      this.migrated = !pending;
    }
    return this.migrated ? 'done' : 'pending';
  }

  private mail(): Promise<MailHealthDto | null> {
    return within(this.notifications.outboxCounts()).catch(() => null);
  }

  /** The sites' last answers when younger than SITES_CACHED_MS, else asked again (once for all callers). */
  private siteStates(): Promise<SiteHealthDto[]> {
    const now = Date.now();
    if (this.sites && now - this.sites.at < SITES_CACHED_MS) return this.sites.value;
    const value = this.sitesRegistry.checkAll(SITE_TIMEOUT_MS).then((pings) => {
      const checkedAt = new Date(now);
      return pings.map(({ name, kind, reachable, latencyMs, programVersion, error }) => ({
        name,
        kind,
        reachable,
        latencyMs,
        checkedAt,
        ...(programVersion === undefined ? {} : { programVersion }),
        ...(error === undefined ? {} : { error }),
      }));
    });
    this.sites = { at: now, value };
    // a failure is not kept: the next call asks again
    value.catch(() => {
      if (this.sites?.value === value) this.sites = null;
    });
    return value;
  }
}

/** `work`'s result, or a rejection once DATABASE_TIMEOUT_MS have passed. */
async function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
