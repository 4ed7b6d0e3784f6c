export class ProbingHealthDto {
  /** Targets probed on their schedule. */
  targets!: number;
  /** Probes waiting to be written to the database. */
  queued!: number;
  /** Probe results dropped unwritten since start (the queue was full while the database was unavailable). */
  lostResults!: number;
  /** Since when writing probes fails because the database is unavailable; null while it works. */
  writesFailingSince!: Date | null;
}

export class HealthDto {
  /** `ok` when vigil can serve, `error` otherwise. */
  status!: 'ok' | 'error';
  /**
   * `up` when the database answers and takes writes; `down` when it does not answer; `stuck`
   * when writes have failed, or one transaction has held SQLite's write lock, for more than 30 s.
   */
  database!: 'up' | 'down' | 'stuck';
  probing!: ProbingHealthDto;
}
