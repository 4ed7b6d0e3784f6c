import { SITE_KINDS, SITE_KINDS_DESCRIPTION, type SiteKind } from '../../sites/site-config';
import { ApiProperty } from '@nestjs/swagger';

export class ProbingHealthDto {
  /** Targets probed on their schedule. */
  targets!: number;
  /**
   * Shards of the 256 whose targets this instance probes: all of them on its own, its share
   * when instances share a MySQL/MariaDB database, none on a SQLite file another process probes.
   */
  shards!: number;
  /** Probes not written since start because another instance had taken over their target's shard. */
  fencedOut!: number;
  /** Probes waiting to be written to the database. */
  queued!: number;
  /** Probe results dropped unwritten since start (the queue was full while the database was unavailable). */
  lostResults!: number;
  /** Since when writing probes fails because the database is unavailable; null while it works. */
  writesFailingSince!: Date | null;
  /**
   * The most a scheduled probe started late against its plan during the last minute, in
   * milliseconds (a few ms is normal; seconds mean probing cannot keep up); null when no probe
   * started in that minute.
   */
  scheduleLagMs!: number | null;
}

/** How vigil talks to a site: `livestatus`, a livestatus socket (UNIX or TCP). */

export class SiteHealthDto {
  /** The site's configured name. */
  name!: string;
  @ApiProperty({ enum: SITE_KINDS, description: SITE_KINDS_DESCRIPTION })
  kind!: SiteKind;
  /** Whether the site told its program version within 2 s. */
  reachable!: boolean;
  /** How long the site took to answer (or to fail), in milliseconds. */
  latencyMs!: number;
  /** The monitoring core's version, e.g. `r2.13.6-1-icinga2`, when reachable. */
  programVersion?: string;
  /** When the site was asked; answers are kept for 5 s, so polling /health does not load Icinga. */
  checkedAt!: Date;
  /** Why the site is not reachable, e.g. `connection refused (ECONNREFUSED)`. */
  error?: string;
}

export class CommandPipeHealthDto {
  /** The configured command pipe (VIGIL_COMMAND_PIPE). */
  path!: string;
  /** The path exists and is a FIFO. */
  present!: boolean;
  /** A process (Icinga 2) reads the pipe, so commands sent through it are taken; told without writing to it. */
  hasReader!: boolean;
  /** Why commands cannot go through the pipe now, e.g. `no process is reading it (is Icinga 2 running?)`. */
  error?: string;
}

export class MailHealthDto {
  /** Notification mails not delivered yet (waiting for their next attempt or being sent). */
  pending!: number;
  /** Notification mails given up on after retrying for the maximum age (`dead` in /api/v1/notifications). */
  dead!: number;
}

export class JobHealthDto {
  /** The job: `probe-results.prune` (hourly retention) or `notifications.outbox-poll`. */
  name!: string;
  /** How often it runs, in milliseconds (the outbox poll also runs on every change of state). */
  everyMs!: number;
  /** Runs finished since start, failed ones included. */
  runs!: number;
  /** Runs that failed since start (each is logged); the job runs again on its schedule. */
  failures!: number;
  /** When the last failure happened; null when none did. */
  lastFailureAt!: Date | null;
}

export class HealthDto {
  /** `ok` when vigil can serve, `error` otherwise; decided by the database alone. */
  status!: 'ok' | 'error';
  /**
   * `up` when the database answers and takes writes; `down` when it does not answer; `stuck`
   * when writes have failed, or one transaction has held SQLite's write lock, for more than 30 s.
   */
  database!: 'up' | 'down' | 'stuck';
  /** Each configured monitoring site and whether it answers; an unreachable site leaves `status` ok. */
  sites!: SiteHealthDto[];
  commandPipe!: CommandPipeHealthDto;
  /** The notification outbox; null while the database is not `up`. */
  mail!: MailHealthDto | null;
  probing!: ProbingHealthDto;
  /** vigil's periodic jobs (not the probes, which run on the probe scheduler) and their failures. */
  jobs!: JobHealthDto[];
}

export class LiveDto {
  @ApiProperty({
    enum: ['ok'],
    description: 'Always `ok`: the process runs and its event loop turns.',
  })
  status!: 'ok';
}

export class ReadyDto {
  /** `ok` when the database is `up` and every migration is applied; `error` otherwise. */
  status!: 'ok' | 'error';
  /** As in `GET /health`. */
  database!: 'up' | 'down' | 'stuck';
  /**
   * `done` when every migration of this version is applied; `pending` when some are not (started
   * with VIGIL_DATABASE_MIGRATE=false before another instance migrated); `unknown` while the
   * database is not `up`.
   */
  migrations!: 'done' | 'pending' | 'unknown';
}
