import {
  In,
  type DataSource,
  type DataSourceOptions,
  type EntityMetadata,
  type EntityTarget,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { isDatabaseUnavailable } from '../common/database-unavailable';
import { ProbeResultEntity } from './probe-result.entity';
import type { ProbeResult } from './probe-spec';
import { StateChangeEntity } from './state-change.entity';
import type { BatchStatement, WriterDatabase } from './writer-protocol';
import { ShortWrite, WriterThread } from './writer-thread';
import { TARGET_STATE_KEYS, type TargetState } from './state';
import { TargetStateEntity } from './target-state.entity';

/** A change of status a probe caused, written with it (state_changes). */
export type RecordedChange = Pick<
  StateChangeEntity,
  'fromStatus' | 'toStatus' | 'changedAt' | 'notify' | 'details'
>;

interface Pending {
  targetId: number;
  state: TargetState;
  result: ProbeResult;
  change: RecordedChange | null;
  /** Told once the probe is committed (no error) or could not be written. */
  done: (error?: Error) => void;
  /** The epoch of the shard lease the state was made under; null when not fenced. */
  epoch: number | null;
}

/**
 * The condition on writes of probing state when instances share the database: a target's state
 * is written only while the lease of its shard (`shard_leases`, the target's id modulo
 * `shards`) names `owner` with the epoch the probe was made under: no other instance has taken
 * the shard since.
 */
export interface RecorderFence {
  owner: string;
  shards?: number;
}

export interface ProbeRecorderOptions {
  /** A batch is written once it holds this many probes… */
  maxBatch?: number;
  /**
   * …or this long after its first probe arrived; in either case not before the batch before
   * it is written (probes that arrive meanwhile join the next batch).
   */
  maxDelayMs?: number;
  /**
   * A batch holds at most this many probes (default 8,192); a longer queue (the database fell
   * behind) is written as several batches, one after the other, so that no single transaction
   * grows with the backlog.
   */
  largestBatch?: number;
  /**
   * Write from a thread of its own with its own connection (default true), so that the writes
   * do not hold up the probes; an in-memory SQLite database is always written on the
   * application's connection.
   */
  writerThread?: boolean;
  /**
   * At most this many probes wait to be written (default 100,000). While the database is
   * unavailable, probes are kept and written once it returns; beyond this many the oldest are
   * dropped, those that changed a target's status last.
   */
  maxQueued?: number;
  /** First wait before writing again after the database was unavailable (default 250 ms)… */
  retryBaseMs?: number;
  /** …doubling up to this (default 5 s). */
  retryMaxMs?: number;
  /** The lease condition on state writes (MySQL/MariaDB only); none when null or absent. */
  fence?: RecorderFence | null;
  /** Told how long each batch took to commit, in seconds. */
  onCommitted?: (seconds: number) => void;
}

/** How the recorder's writes go. */
export interface RecorderStats {
  /** Probes waiting to be written. */
  queued: number;
  /** Probes dropped unwritten since start: the queue was full, or the process stopped. */
  dropped: number;
  /** Since when writes fail because the database is unavailable; null while they succeed. */
  unavailableSince: Date | null;
  /** Why the last write failed, while they fail. */
  lastError: string | null;
  /** When a batch was last committed. */
  lastCommitAt: Date | null;
}

/**
 * The probe was not written: the lease of its target's shard is no longer this instance's under
 * the epoch the probe was made with (another instance took it over).
 */
export class LeaseLost extends Error {
  constructor(
    readonly targetId: number,
    readonly epoch: number,
  ) {
    super(`the lease of target ${targetId}'s shard is no longer held under epoch ${epoch}`);
    this.name = 'LeaseLost';
  }
}

/** The probe was not written: the queue was full, or the recorder closed before it could be. */
export class ProbeDropped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ProbeDropped';
  }
}

const MAX_DESCRIPTION = 1024;
const MAX_URL = 2048;

/** What a writer thread for the application's database connects to; null when it cannot. */
export function writerDatabase(options: DataSourceOptions): WriterDatabase | null {
  if (options.type === 'better-sqlite3') {
    const file = options.database;
    return file && file !== ':memory:' ? { type: 'sqlite', file } : null;
  }
  if (options.type === 'mysql') {
    const { host, port, username, password, database, charset, timezone, connectTimeout } = options;
    const connection = { host, port, user: username, database, charset, timezone, connectTimeout };
    return {
      type: 'mysql',
      connection: typeof password === 'string' ? { ...connection, password } : connection,
    };
  }
  return null;
}

/** The properties of a target's state row a probe writes. */
const STATE_PROPERTIES = TARGET_STATE_KEYS satisfies readonly (keyof TargetStateEntity)[];

const RESULT_PROPERTIES = [
  'targetId',
  'probedAt',
  'status',
  'httpStatus',
  'responseTimeMs',
  'description',
  'redirects',
  'finalUrl',
  'certificateExpiresAt',
] as const satisfies readonly (keyof ProbeResultEntity)[];

const CHANGE_PROPERTIES = [
  'targetId',
  'fromStatus',
  'toStatus',
  'changedAt',
  'notify',
  'details',
] as const satisfies readonly (keyof StateChangeEntity)[];

function stateValue(s: TargetState, property: (typeof STATE_PROPERTIES)[number]): unknown {
  if (property === 'statusDescription')
    return s.statusDescription?.slice(0, MAX_DESCRIPTION) ?? null;
  return s[property];
}

function resultValue(p: Pending, property: (typeof RESULT_PROPERTIES)[number]): unknown {
  switch (property) {
    case 'targetId':
      return p.targetId;
    case 'probedAt':
      return p.result.startedAt;
    case 'status':
      return p.result.status;
    case 'httpStatus':
      return p.result.httpStatus;
    case 'responseTimeMs':
      return Math.round(p.result.responseTimeMs);
    case 'description':
      return p.result.description.slice(0, MAX_DESCRIPTION);
    case 'redirects':
      return p.result.redirects;
    case 'finalUrl':
      return p.result.finalUrl?.slice(0, MAX_URL) ?? null;
    case 'certificateExpiresAt':
      return p.result.certificateExpiresAt;
  }
}

function changeValue(p: Pending, property: (typeof CHANGE_PROPERTIES)[number]): unknown {
  return property === 'targetId' ? p.targetId : p.change![property];
}

/** Tells a probe's sender how its write went; a sender's own failure does not stop the writer. */
function tell(p: Pending, error?: unknown): void {
  try {
    p.done(error === undefined || error instanceof Error ? error : new Error('write failed'));
  } catch (failure) {
    process.nextTick(() => {
      throw failure;
    });
  }
}

/** Statement texts kept for reuse: room for the three kinds in every size statementSizes() makes. */
const SQL_TEXTS = 48;

/** Rows per statement: well below every dialect's limit on bound parameters. */
const ROWS_PER_STATEMENT = 500;

/** Rows of the largest statement for a writer thread (SQLite keeps them prepared). */
const ROWS_PER_THREAD_STATEMENT = 256;

/**
 * How many rows each statement of a batch takes. Statements for a writer thread take a power
 * of two (full ones ROWS_PER_THREAD_STATEMENT), so that it meets only a few distinct statements: the
 * SQLite thread prepares each one once, and no statement of an odd size is left waiting for
 * the garbage collector with its compiled program in native memory.
 */
export function statementSizes(rows: number, threaded: boolean): number[] {
  const full = threaded ? ROWS_PER_THREAD_STATEMENT : ROWS_PER_STATEMENT;
  const sizes: number[] = [];
  let left = rows;
  for (; left >= full; left -= full) sizes.push(full);
  if (!threaded) {
    if (left > 0) sizes.push(left);
    return sizes;
  }
  for (let size = full / 2; left > 0; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/**
 * Writes probes to the database in batches: one transaction per batch updates each target's
 * state and counters (to the state after its last probe in the batch) and inserts one
 * probe_results row per probe. The end result is the same as one transaction per probe, with
 * far fewer commits. A batch either lands whole or not at all; when it fails, its probes are
 * written one transaction each so that one bad probe (a target deleted meanwhile) loses only itself.
 * The batches are written from a thread of their own (WriterThread).
 */
export class ProbeRecorder {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The batch being written, if any; settles once it is written (or has failed). */
  private inFlight: Promise<void> | null = null;
  /** A batch is due (full, or its delay is up) and goes as soon as the one in flight is done. */
  private due = false;
  /** Set while waiting to write again after the database was unavailable. */
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private closed = false;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly largestBatch: number;
  private readonly maxQueued: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly writer: WriterThread | null = null;
  /** Statement texts by kind and number of rows: a batch's SQL is built once per size. */
  private readonly sqlTexts = new Map<string, string>();
  private dropped = 0;
  private unavailableSince: Date | null = null;
  private lastError: string | null = null;
  private lastCommitAt: Date | null = null;
  private readonly fence: Required<RecorderFence> | null;
  private readonly onCommitted?: (seconds: number) => void;

  constructor(
    private readonly dataSource: DataSource,
    options: ProbeRecorderOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 20;
    this.largestBatch = options.largestBatch ?? 8192;
    this.maxQueued = Math.max(1, options.maxQueued ?? 100_000);
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 5000;
    this.retryMs = this.retryBaseMs;
    this.onCommitted = options.onCommitted;
    const fence = options.fence && dataSource.options.type === 'mysql' ? options.fence : null;
    this.fence = fence && { owner: fence.owner, shards: fence.shards ?? 256 };
    const database = options.writerThread === false ? null : writerDatabase(dataSource.options);
    if (database) this.writer = new WriterThread(database);
  }

  stats(): RecorderStats {
    return {
      queued: this.queue.length,
      dropped: this.dropped,
      unavailableSince: this.unavailableSince,
      lastError: this.lastError,
      lastCommitAt: this.lastCommitAt,
    };
  }

  /**
   * Writes everything queued, for at most `timeoutMs`, then stops the writer thread; what
   * could not be written by then (the database is unavailable) is dropped and told so.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.drain(), late]);
    clearTimeout(timer);
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.timer);
    this.drop(this.queue.splice(0), 'vigil stopped before the database could take it');
    await Promise.race([this.inFlight, new Promise((resolve) => setTimeout(resolve, 1000))]);
    await this.writer?.close();
  }

  /** Resolves once the probe's state, change and result row are committed. */
  record(
    targetId: number,
    state: TargetState,
    result: ProbeResult,
    change: RecordedChange | null = null,
    epoch: number | null = null,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.enqueue(
        targetId,
        state,
        result,
        change,
        (error) => (error ? reject(error) : resolve()),
        epoch,
      );
    });
  }

  /** Queues a probe; `done` is called without an error once it is committed, or with one. */
  enqueue(
    targetId: number,
    state: TargetState,
    result: ProbeResult,
    change: RecordedChange | null,
    done: (error?: Error) => void,
    epoch: number | null = null,
  ): void {
    const probe: Pending = { targetId, state, result, change, done, epoch };
    if (this.closed) {
      this.dropped += 1;
      tell(probe, new ProbeDropped('the recorder is closed'));
      return;
    }
    this.queue.push(probe);
    if (this.queue.length > this.maxQueued) this.makeRoom();
    if (this.queue.length >= this.maxBatch) this.batchDue();
    else this.timer ??= setTimeout(() => this.batchDue(), this.maxDelayMs);
  }

  /**
   * Writes everything queued so far; resolves once it is committed (or has failed). Probes
   * queued later are not waited for, so a steady flow of probes never holds it up.
   */
  async drain(): Promise<void> {
    const last = this.queue.at(-1);
    if (!last) {
      await this.inFlight;
      return;
    }
    // batches are written in order: once the last probe queued now is told, so are all before it
    await new Promise<void>((resolve) => {
      const done = last.done;
      last.done = (error) => {
        try {
          done(error);
        } finally {
          resolve();
        }
      };
      this.batchDue();
    });
  }

  /**
   * The queue is to be written: now, or, while a batch is being written, right after it. So
   * one batch is written at a time, and probes that arrive meanwhile go together in the next
   * one: the busier the database, the larger (and fewer) the batches. While waiting to try an
   * unavailable database again, it waits for that.
   */
  private batchDue(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = true;
    if (!this.inFlight && !this.retryTimer) this.writeNext();
  }

  private writeNext(): void {
    this.due = false;
    if (this.queue.length === 0) return;
    let batch = this.queue;
    if (batch.length > this.largestBatch) {
      batch = this.queue.slice(0, this.largestBatch);
      this.queue = this.queue.slice(this.largestBatch);
      this.due = true;
    } else {
      this.queue = [];
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const next = (): void => {
      this.inFlight = null;
      if (this.retryTimer) return;
      if (this.due || this.queue.length >= this.maxBatch) this.writeNext();
    };
    this.inFlight = this.write(batch).then(next, next);
  }

  /**
   * Drops probes beyond `maxQueued`, the oldest first, keeping those that changed a target's
   * status while there are others: a change not written is a notification never sent, while
   * the state a dropped probe leaves behind is written with the target's next probe.
   */
  private makeRoom(): void {
    const excess = this.queue.length - this.maxQueued;
    // a hundredth of the room at once, so that a full queue is not searched for every probe
    const wanted = Math.max(excess, Math.ceil(this.maxQueued / 100));
    const gone: Pending[] = [];
    const kept = this.queue.filter((p) => {
      if (gone.length >= wanted || p.change) return true;
      gone.push(p);
      return false;
    });
    if (gone.length < excess) gone.push(...kept.splice(0, excess - gone.length));
    this.queue = kept;
    this.drop(gone, `more than ${this.maxQueued} probes wait to be written`);
  }

  private drop(probes: Pending[], reason: string): void {
    this.dropped += probes.length;
    for (const p of probes) tell(p, new ProbeDropped(reason));
  }

  private async write(batch: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      await this.commit(batch);
      this.onCommitted?.((performance.now() - started) / 1000);
    } catch (error) {
      if (isDatabaseUnavailable(error) && !this.closed) {
        this.unavailable(batch, error);
        return;
      }
      if (batch.length === 1) {
        tell(batch[0], error);
        return;
      }
      for (const [index, p] of batch.entries()) {
        try {
          await this.commit([p]);
        } catch (single) {
          if (isDatabaseUnavailable(single) && !this.closed) {
            this.unavailable(batch.slice(index), single);
            return;
          }
          tell(p, single);
          continue;
        }
        tell(p);
      }
      return;
    }
    this.available();
    for (const p of batch) tell(p);
  }

  /** The database could not take the batch: it goes back to the head of the queue, for later. */
  private unavailable(batch: Pending[], error: unknown): void {
    this.unavailableSince ??= new Date();
    this.lastError = error instanceof Error ? error.message : String(error);
    this.queue = batch.concat(this.queue);
    if (this.queue.length > this.maxQueued) this.makeRoom();
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMaxMs, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.batchDue();
    }, wait);
  }

  private available(): void {
    this.lastCommitAt = new Date();
    this.unavailableSince = null;
    this.lastError = null;
    this.retryMs = this.retryBaseMs;
  }

  private async commit(batch: Pending[]): Promise<void> {
    const last = new Map<number, Pending>();
    for (const p of batch) last.set(p.targetId, p);
    const states = [...last].map(([id, p]): StateRow => [id, p.state, p.epoch]);
    const statements: BatchStatement[] = [];
    const updated: number[][] = [];
    const threaded = this.writer !== null;
    let i = 0;
    for (const size of statementSizes(states.length, threaded)) {
      const chunk = states.slice(i, (i += size));
      // a target deleted meanwhile has no row to update: the batch is then rolled back
      statements.push({ ...this.updateStates(chunk), minChanges: chunk.length });
      updated.push(chunk.map(([id]) => id));
    }
    i = 0;
    for (const size of statementSizes(batch.length, threaded)) {
      const rows = batch.slice(i, (i += size));
      statements.push(
        this.insertRows('result', ProbeResultEntity, RESULT_PROPERTIES, rows, resultValue),
      );
    }
    const changes = batch.filter((p) => p.change !== null);
    i = 0;
    for (const size of statementSizes(changes.length, threaded)) {
      const rows = changes.slice(i, (i += size));
      statements.push(
        this.insertRows('change', StateChangeEntity, CHANGE_PROPERTIES, rows, changeValue),
      );
    }
    try {
      if (this.writer) await this.writer.write(statements);
      else await this.writeHere(statements);
    } catch (error) {
      if (!(error instanceof ShortWrite)) throw error;
      const ids = updated[error.index];
      const gone = await this.missingTargets(ids);
      const fenced = last.get(ids[0])?.epoch;
      // a batch of one names its probe; a larger one is written again one probe at a time
      if (!gone.length && this.fence && fenced !== undefined && fenced !== null)
        throw new LeaseLost(ids[0], fenced);
      throw new TargetGone(gone[0] ?? ids[0]);
    }
  }

  /** Writes the statements in one transaction on the application's own connection. */
  private async writeHere(statements: BatchStatement[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const runner = m.queryRunner;
      if (!runner) throw new Error('a transaction without a query runner');
      for (const [index, { sql, params, minChanges }] of statements.entries()) {
        const res = await runner.query(sql, params, true);
        if (minChanges !== undefined && (res.affected ?? 0) < minChanges) {
          throw new ShortWrite(index);
        }
      }
    });
  }

  private get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  private column(metadata: EntityMetadata, property: string): ColumnMetadata {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  }

  /** The statement text `build` makes, made once per key. */
  private sql(key: string, build: () => string): string {
    let text = this.sqlTexts.get(key);
    if (text === undefined) {
      text = build();
      // a writer thread's batches come in a few sizes (statementSizes); others may not
      if (this.sqlTexts.size >= SQL_TEXTS) this.sqlTexts.clear();
      this.sqlTexts.set(key, text);
    }
    return text;
  }

  /**
   * One UPDATE for many targets, each to its own values: a join with the list of new values
   * (`UPDATE … FROM` a VALUES list on SQLite, `UPDATE … JOIN` a derived table on MySQL).
   */
  private updateStates(rows: StateRow[]): { sql: string; params: unknown[] } {
    const metadata = this.dataSource.getMetadata(TargetStateEntity);
    const driver = this.dataSource.driver;
    const columns = STATE_PROPERTIES.map((p) => this.column(metadata, p));
    const params: unknown[] = [];
    for (const [id, state, epoch] of rows) {
      params.push(id);
      if (this.fence) params.push(epoch);
      STATE_PROPERTIES.forEach((p, k) =>
        params.push(driver.preparePersistentValue(stateValue(state, p), columns[k])),
      );
    }
    if (this.fence) params.push(this.fence.owner);
    return { sql: this.sql(`update ${rows.length}`, () => this.updateText(rows.length)), params };
  }

  private updateText(rows: number): string {
    const metadata = this.dataSource.getMetadata(TargetStateEntity);
    const q = (name: string) => this.dataSource.driver.escape(name);
    const table = q(metadata.tableName);
    const columns = STATE_PROPERTIES.map((p) => this.column(metadata, p));
    const names = [this.column(metadata, 'targetId'), ...columns].map((c) => q(c.databaseName));
    // lastUpdated is kept when the state does not carry one
    const assign = (target: string, left: string) =>
      columns
        .map((c) => {
          const name = q(c.databaseName);
          const value =
            c.propertyName === 'lastUpdated'
              ? `COALESCE(v.${name}, ${target}.${name})`
              : `v.${name}`;
          return `${left}${name} = ${value}`;
        })
        .join(', ');
    const id = names[0];
    if (this.isSqlite) {
      const row = `(${names.map(() => '?').join(', ')})`;
      return (
        `WITH v(${names.join(', ')}) AS (VALUES ${Array(rows).fill(row).join(', ')}) ` +
        `UPDATE ${table} SET ${assign(table, '')} FROM v WHERE ${table}.${id} = v.${id}`
      );
    }
    if (this.fence) names.splice(1, 0, q('fence_epoch'));
    const first = `SELECT ${names.map((n) => `? AS ${n}`).join(', ')}`;
    const rest = ` UNION ALL SELECT ${names.map(() => '?').join(', ')}`;
    const update =
      `UPDATE ${table} t JOIN (${first}${rest.repeat(rows - 1)}) v ` +
      `ON t.${id} = v.${id} SET ${assign('t', 't.')}`;
    if (!this.fence) return update;
    // a state made under a lease is written only while no other instance has taken the shard
    // since (its epoch unchanged): after a database outage nobody could, after a pause or a
    // partition somebody may have
    return (
      `${update} WHERE v.${q('fence_epoch')} IS NULL OR EXISTS (SELECT 1 FROM ` +
      `${q('shard_leases')} l WHERE l.${q('shard')} = v.${id} % ${this.fence.shards} AND ` +
      `l.${q('owner')} = ? AND l.${q('epoch')} = v.${q('fence_epoch')})`
    );
  }

  /** One multi-row INSERT of the given properties of `rows`, each value from `valueOf`. */
  private insertRows<E, P extends string & keyof E>(
    kind: string,
    entity: EntityTarget<E>,
    properties: readonly P[],
    rows: Pending[],
    valueOf: (p: Pending, property: P) => unknown,
  ): { sql: string; params: unknown[] } {
    const metadata = this.dataSource.getMetadata(entity);
    const driver = this.dataSource.driver;
    const columns = properties.map((p) => this.column(metadata, p));
    const params: unknown[] = [];
    for (const p of rows) {
      properties.forEach((property, k) =>
        params.push(driver.preparePersistentValue(valueOf(p, property), columns[k])),
      );
    }
    const sql = this.sql(`${kind} ${rows.length}`, () => {
      const row = `(${columns.map(() => '?').join(', ')})`;
      return (
        `INSERT INTO ${driver.escape(metadata.tableName)} ` +
        `(${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) ` +
        `VALUES ${Array(rows.length).fill(row).join(', ')}`
      );
    });
    return { sql, params };
  }

  private async missingTargets(ids: number[]): Promise<number[]> {
    // a target's state row is deleted with it
    const found = await this.dataSource.manager.find(TargetStateEntity, {
      select: ['targetId'],
      where: { targetId: In(ids) },
    });
    const present = new Set(found.map((t) => t.targetId));
    return ids.filter((id) => !present.has(id));
  }
}

/** A target's id, its state after its last probe in a batch, and that probe's lease epoch. */
type StateRow = [number, TargetState, number | null];

/** The target was deleted while it was being probed: its probe is not recorded. */
export class TargetGone extends Error {
  constructor(readonly targetId: number) {
    super(`target ${targetId} no longer exists`);
    this.name = 'TargetGone';
  }
}
