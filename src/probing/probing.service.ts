import {
  BeforeApplicationShutdown,
  HttpStatus,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import { AppConfig } from '../app.config';
import { ClusterService, type ShardsChange } from '../cluster/cluster.service';
import { SHARDS, shardOf } from '../cluster/shards';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { ProblemException } from '../common/problem';
import { MetricsService } from '../metrics/metrics.service';
import { TargetChangedEvent, TargetEvents } from '../targets/target-events';
import type { TargetForProbing } from '../targets/target.mapper';
import { TargetsService } from '../targets/targets.service';
import type { ProbeNowDto } from './dto/probe-now.dto';
import { HttpProber, prepareSpec } from './http-prober';
import { KeystoneTokens } from './keystone';
import { linePrefix, ProbeLog, type ProbeLogEvent, type ProbeLogFormat } from './probe-log';
import {
  LeaseLost,
  ProbeDropped,
  ProbeRecorder,
  type RecordedChange,
  type RecorderStats,
} from './probe-recorder';
import type { ProbeResult, ProbeSpec, ProbeTls } from './probe-spec';
import { ProbeAgents } from './probe-agents';
import { statusSetOf } from '../targets/expected-status';
import { RegexThread } from './regex-thread';
import { LagWindow } from './lag-window';
import { ProbeScheduler } from './scheduler';
import type { ImportTargetStateDto } from './dto/import-state.dto';
import {
  applyResult,
  isPublished,
  newTargetState,
  stateOf,
  type StateChange,
  type TargetState,
} from './state';
import { TARGET_STATE_CHANGED, TargetStateChangedEvent } from './state-changed.event';
import { TargetStatesService } from './target-states.service';

/**
 * The probe spec of a target. Every optional field is present (undefined when not set), so that
 * all specs have one shape and the probes read them with monomorphic property loads.
 */
export function specOf(t: TargetForProbing): ProbeSpec {
  const statuses = statusSetOf(t.expectedStatus);
  const oneCode = statuses.classes.length === 0 && statuses.codes.length === 1;
  return prepareSpec({
    url: t.url,
    method: t.method,
    headers: t.headers,
    body: t.body ?? undefined,
    auth: t.auth,
    timeoutSeconds: t.timeoutSeconds,
    expectedStatus: statuses.codes[0] ?? 0,
    expectedStatuses: oneCode ? undefined : statuses,
    bodyContains: t.bodyContains ?? undefined,
    bodyNotContains: t.bodyNotContains ?? undefined,
    bodyRegex: t.bodyRegex ?? undefined,
    jsonPath: t.jsonPath ?? undefined,
    jsonEquals: t.jsonPath !== null ? t.jsonEquals : undefined,
    maxResponseTimeMs: t.maxResponseTimeMs ?? undefined,
    certificateExpiryDays: t.certificateExpiryDays ?? undefined,
    freshConnection: t.freshConnection,
    followRedirects: t.followRedirects,
    credentialHeaders: t.secretHeaderNames.map((name) => name.toLowerCase()),
    tls: tlsOf(t),
  });
}

/** A target's own TLS settings, or undefined when it has none (it shares the default agent). */
function tlsOf(t: TargetForProbing): ProbeTls | undefined {
  if (t.tlsCaCertificate === null && !t.tlsInsecureSkipVerify && t.tlsServerName === null) {
    return undefined;
  }
  const settings = [t.tlsCaCertificate, t.tlsInsecureSkipVerify, t.tlsServerName];
  return {
    key: createHash('sha256').update(JSON.stringify(settings)).digest('base64'),
    caCertificate: t.tlsCaCertificate ?? undefined,
    insecureSkipVerify: t.tlsInsecureSkipVerify,
    serverName: t.tlsServerName ?? undefined,
  };
}

/** Targets read from the database at a time when probing starts. */
const LOAD_PAGE = 1000;

/** A target the engine knows: its definition, its state, and the probe running on it. */
interface Tracked {
  def: TargetForProbing;
  spec: ProbeSpec;
  /** The start of its probe log lines. */
  logPrefix: string;
  state: TargetState;
  /**
   * The epoch of the shard lease its state was read under: its writes count only while the
   * lease is still this instance's with this epoch. Null when writes are not fenced.
   */
  epoch: number | null;
  /**
   * Settles once the probes of the target started so far are done: probes of one target run
   * one after the other (a scheduled one and a probe-now); null when none runs.
   */
  busy: Promise<void> | null;
}

/** What a target's definition decides of its tracking: the probe spec and the log prefix. */
function definitionOf(
  def: TargetForProbing,
  format: ProbeLogFormat,
): Pick<Tracked, 'def' | 'spec' | 'logPrefix'> {
  return { def, spec: specOf(def), logPrefix: linePrefix(def, format) };
}

/** A target as the engine starts to track it: its stored state, no probe running. */
function trackedOf(
  def: TargetForProbing,
  state: TargetState,
  format: ProbeLogFormat,
  epoch: number | null,
): Tracked {
  // assigned, not spread into a new object: one hidden class for every tracked target
  return Object.assign(definitionOf(def, format), { state: stateOf(state), epoch, busy: null });
}

/** How often the owned shards are polled for targets inserted, changed or deleted. */
export const CHANGES_EVERY_MS = 2000;

/** Every this many polls, every owned shard is scanned for deleted targets. */
const FULL_SCAN_EVERY = 15;

export const CHANGES_JOB = 'probing.changes';

export interface ProbeOutcome {
  result: ProbeResult;
  state: TargetState;
  change: StateChange | null;
}

/** Counters of the engine since start. */
export interface ProbingStats {
  started: number;
  skipped: number;
  failed: number;
  recorded: number;
  /** Probes whose state and result the database refused. */
  recordFailures: number;
  /** Probes not written because the lease of their target's shard was no longer this instance's. */
  fencedOut: number;
  /** Shards of the 256 this instance probes (all of them unless instances share the database). */
  shards: number;
  targets: number;
  /** The most a scheduled probe started late against its plan over the last minute, in ms; null when none started. */
  scheduleLagMs: number | null;
  /** How the writes of probes go (queue, dropped probes, database unavailable since). */
  recorder: RecorderStats;
}

/** How long a probe-now waits for its result to be written before it answers 503. */
const PROBE_NOW_RECORD_MS = 10_000;

/**
 * The probing engine: keeps every enabled target of the shards this instance owns
 * (ClusterService) on the ProbeScheduler, kept current through the Targets module's events and
 * a poll of the owned shards for rows changed in the database (by another instance, or in SQL),
 * probes with the HttpProber, applies the result to the target's
 * state, records state, counters and history, writes the probe log, and publishes
 * `target.state-changed` when the status changes.
 */
@Injectable()
export class ProbingService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Probing');
  private readonly tracked = new Map<number, Tracked>();
  private readonly agents = new ProbeAgents({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  readonly keystone = new KeystoneTokens({ dispatcher: this.agents.default });
  /** Body regexes run here, off the event loop. */
  private readonly regex = new RegexThread();
  private readonly prober = new HttpProber({
    agents: this.agents,
    keystone: this.keystone,
    regex: this.regex,
  });
  private readonly recorder: ProbeRecorder;
  private readonly scheduler: ProbeScheduler;
  private log: ProbeLog | null = null;
  private closing = false;
  private recorded = 0;
  private recordFailures = 0;
  private fencedOut = 0;
  private droppedSaidAt = 0;
  /** `updated_at` of each target of the owned shards (enabled or not), as last read. */
  private readonly seen = new Map<number, string>();
  /** Each owned shard's digest (rows and latest `updated_at`) as last read. */
  private readonly digests = new Map<number, string>();
  /** Owned shards whose targets are to be read whole: gained since the last poll. */
  private readonly dirty = new Set<number>();
  /** Grows with every shard gained, so that a poll under way does not mark it read. */
  private gains = 0;
  private polls = 0;
  /** Targets whose definition could not be read (a password not decrypted), until they change. */
  private readonly unreadable = new Set<number>();
  private readonly lag = new LagWindow();
  /** Told how late each scheduled probe starts against its plan (benchmarks, statistics). */
  onLag?: (lagMs: number) => void;

  constructor(
    private readonly config: AppConfig,
    private readonly targets: TargetsService,
    private readonly events: EventEmitter2,
    private readonly states: TargetStatesService,
    private readonly cluster: ClusterService,
    private readonly jobs: ScheduledJobs,
    private readonly metrics: MetricsService,
    dataSource: DataSource,
  ) {
    this.recorder = new ProbeRecorder(dataSource, {
      maxQueued: config.probing.buffer,
      fence: cluster.fence(),
      onCommitted: (seconds) => metrics.batchWritten(seconds),
    });
    metrics.readRecorder(() => this.recorder.stats().queued);
    this.scheduler = new ProbeScheduler({
      maxConcurrent: config.probing.concurrency,
      run: (id) => this.runScheduled(id),
      onError: (id, error) =>
        this.logger.error(
          `Probe of target ${id} failed: ${(error as Error).stack ?? String(error)}`,
        ),
      onStart: (_id, lagMs) => {
        this.lag.record(lagMs);
        metrics.scheduledLate(lagMs / 1000);
        this.onLag?.(lagMs);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { probing } = this.config;
    this.log = new ProbeLog({
      file: probing.logFile,
      maxBytes: probing.logMaxBytes,
      keep: probing.logKeep,
      format: probing.logFormat,
      onError: (error) => this.logger.error(`Cannot write the probe log: ${error.message}`),
    });
    this.log.event({
      event: 'start',
      message: `starting vigil${probing.enabled ? '' : ' (probing is off)'}`,
    });
    if (!probing.enabled) {
      this.logger.log('Probing is off (VIGIL_PROBING_ENABLED=false)');
      return;
    }
    this.cluster.reportLoad(() => ({
      targets: this.tracked.size,
      probesStarted: this.scheduler.counters.started,
    }));
    this.cluster.onShardsChanged((change) => this.shardsChanged(change));
    await this.cluster.takeShards();
    for (const shard of this.cluster.ownedShards()) this.dirty.add(shard);
    // the first runs are planned once all are in, spread from then on
    this.scheduler.hold();
    try {
      await this.pollChanges();
    } finally {
      this.scheduler.release();
    }
    this.jobs.schedule({
      name: CHANGES_JOB,
      everyMs: CHANGES_EVERY_MS,
      run: () => this.pollChanges(),
    });
    this.logger.log(
      `Probing ${this.tracked.size} target(s) in ${this.cluster.ownedShards().length} of ` +
        `${SHARDS} shard(s), log in ${probing.logFile}`,
    );
  }

  /** No new probe starts; those in flight get their timeout, then pending records are written. */
  async beforeApplicationShutdown(): Promise<void> {
    let longest = 0;
    for (const t of this.tracked.values()) longest = Math.max(longest, t.def.timeoutSeconds);
    const left = await this.scheduler.stop(longest * 1000 + 500);
    // a probe still running now is abandoned: it records nothing
    this.closing = true;
    if (left > 0) this.logger.warn(`Abandoned ${left} probe(s) still running at shutdown`);
    await this.jobs.stop(CHANGES_JOB);
    await this.recorder.close();
    this.tracked.clear();
    // every probe is written: the shards go to the other instances at once
    await this.cluster
      .leave()
      .catch((error: Error) => this.logger.warn(`Cannot release the shards: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    const log = this.log;
    this.log = null;
    log?.event({ event: 'stop', message: 'shutting down vigil' });
    await log?.close();
    await this.agents.close();
    await this.regex.close();
  }

  /**
   * Writes a line that is no probe to the probe log: a notification attempt (the notifications
   * module reports each one), as skypunch's log had them next to the probes.
   */
  logEvent(event: ProbeLogEvent): void {
    this.log?.event(event);
  }

  /** Whether this instance probes the target now (it is enabled and its shard is owned). */
  probes(targetId: number): boolean {
    return this.tracked.has(targetId);
  }

  stats(): ProbingStats {
    return {
      ...this.scheduler.counters,
      recorded: this.recorded,
      recordFailures: this.recordFailures,
      fencedOut: this.fencedOut,
      shards: this.cluster.ownedShards().length,
      targets: this.tracked.size,
      scheduleLagMs: this.lag.max(),
      recorder: this.recorder.stats(),
    };
  }

  @OnEvent(TargetEvents.created)
  @OnEvent(TargetEvents.updated)
  @OnEvent(TargetEvents.enabled)
  async onTargetChanged(event: TargetChangedEvent): Promise<void> {
    if (!this.config.probing.enabled || this.closing) return;
    if (!this.cluster.ownsTarget(event.targetId)) {
      this.untrack(event.targetId);
      return;
    }
    try {
      // the stored state may lag behind a batch not yet written
      if (!this.tracked.has(event.targetId)) await this.settled();
      const def = await this.targets.forProbing(event.targetId);
      // the shard may have been given up meanwhile
      if (!def || !def.enabled || !this.cluster.ownsTarget(def.id)) {
        this.untrack(event.targetId);
        return;
      }
      const known = this.tracked.get(def.id);
      if (known) {
        // a new definition; the state and a probe running on it stay
        Object.assign(known, definitionOf(def, this.config.probing.logFormat));
        this.metrics.tracked(def, known.state.status);
        this.scheduler.upsert(def.id, def.frequencySeconds * 1000);
      } else {
        const state = (await this.states.forProbing([def.id])).get(def.id);
        if (state && !this.tracked.has(def.id)) this.track(def, state);
      }
    } catch (error) {
      this.logger.error(`Cannot schedule target ${event.targetId}: ${(error as Error).message}`);
    }
  }

  @OnEvent(TargetEvents.disabled)
  @OnEvent(TargetEvents.deleted)
  onTargetGone(event: TargetChangedEvent): void {
    this.untrack(event.targetId);
  }

  /** Probes a target now and records the result like a scheduled probe. */
  async probeNow(id: number, notify: boolean): Promise<ProbeOutcome> {
    let tracked = this.tracked.get(id);
    if (!tracked) {
      await this.settled();
      const def = await this.targets.forProbing(id);
      const state = def && (await this.states.forProbing([id])).get(id);
      if (!def || !state)
        throw new ProblemException(HttpStatus.NOT_FOUND, `target ${id} not found`);
      // not this instance's target: written without the lease's condition
      tracked = trackedOf(def, state, this.config.probing.logFormat, null);
    }
    const outcome = await this.probe(tracked, notify, true);
    if (!outcome) {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'vigil is shutting down');
    }
    return outcome;
  }

  /**
   * Waits until the probes queued so far are written, so that a target's stored state is
   * current; not while the database is unavailable (what is read then fails on its own).
   */
  private async settled(): Promise<void> {
    if (this.recorder.stats().unavailableSince === null) await this.recorder.drain();
  }

  /**
   * Takes over the state another monitor left for a target vigil has never probed (status,
   * previous status, last change and counters); 409 once vigil has probed it, as its state is
   * then vigil's own. The check and the write are one UPDATE, so a probe recorded meanwhile wins.
   */
  async importState(id: number, dto: ImportTargetStateDto): Promise<void> {
    await this.settled();
    await this.tracked.get(id)?.busy;
    const state = {
      ...newTargetState(dto.lastUpdated ? new Date(dto.lastUpdated) : new Date()),
      status: dto.status,
      statusDescription: dto.statusDescription ?? null,
      previousStatus: dto.previousStatus ?? null,
      passCount: dto.passCount ?? 0,
      failCount: dto.failCount ?? 0,
      status2xxCount: dto.status2xxCount ?? 0,
      status3xxCount: dto.status3xxCount ?? 0,
      status4xxCount: dto.status4xxCount ?? 0,
      status5xxCount: dto.status5xxCount ?? 0,
      networkFailCount: dto.networkFailCount ?? 0,
      repeatedFailCount: dto.repeatedFailCount ?? 0,
    };
    if (!(await this.states.replaceUnprobed(id, state))) {
      if (!(await this.targets.exists(id)))
        throw new ProblemException(HttpStatus.NOT_FOUND, `target ${id} not found`);
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `target ${id} has been probed by vigil: its state is no longer taken over`,
      );
    }
    const tracked = this.tracked.get(id);
    if (tracked) tracked.state = stateOf(state);
  }

  /** probeNow, shaped for the API. */
  async probeNowDto(id: number, notify: boolean): Promise<ProbeNowDto> {
    const { result, state, change } = await this.probeNow(id, notify);
    return {
      targetId: id,
      status: result.status,
      httpStatus: result.httpStatus,
      responseTimeMs: result.responseTimeMs,
      description: result.description,
      startedAt: result.startedAt,
      steps: result.steps,
      redirects: result.redirects,
      finalUrl: result.finalUrl,
      certificateExpiresAt: result.certificateExpiresAt,
      targetStatus: state.status,
      change,
      notified: notify && isPublished(change),
    };
  }

  /** Shards lost stop their targets at once; shards gained are read whole at the next poll, now. */
  /**
   * Stops probing the targets of shards lost and starts on those gained. For shards lost, the
   * promise settles once the probes still running there are done and everything queued is
   * written (ClusterService waits for it before it releases shards it gives up).
   */
  private shardsChanged({ gained, lost }: ShardsChange): Promise<void> | undefined {
    if (this.closing) return undefined;
    let written: Promise<void> | undefined;
    if (lost.length) {
      const gone = new Set(lost);
      const running: Promise<void>[] = [];
      for (const [id, tracked] of [...this.tracked]) {
        if (!gone.has(shardOf(id))) continue;
        if (tracked.busy) running.push(tracked.busy);
        this.untrack(id);
      }
      written = Promise.all(running).then(() => this.recorder.drain());
      for (const id of [...this.seen.keys()]) if (gone.has(shardOf(id))) this.seen.delete(id);
      for (const id of [...this.unreadable]) if (gone.has(shardOf(id))) this.unreadable.delete(id);
      for (const shard of lost) {
        this.digests.delete(shard);
        this.dirty.delete(shard);
      }
    }
    if (gained.length) {
      this.gains += 1;
      for (const shard of gained) {
        this.digests.delete(shard);
        this.dirty.add(shard);
      }
      this.jobs.trigger(CHANGES_JOB);
    }
    return written;
  }

  /**
   * Brings the tracked targets in line with the database for the owned shards whose digest
   * (rows, latest `updated_at`) changed since the last poll, those gained, and, every
   * FULL_SCAN_EVERY polls, all of them: targets inserted or enabled are tracked (their stored
   * state read first), changed ones take their new definition, disabled or deleted ones stop.
   */
  private async pollChanges(): Promise<void> {
    if (this.closing) return;
    const owned = this.cluster.ownedShards();
    if (!owned.length) return;
    const gains = this.gains;
    const full = this.polls++ % FULL_SCAN_EVERY === 0;
    const digests = await this.targets.groupDigests(SHARDS, owned.length === SHARDS ? null : owned);
    const changed = owned.filter(
      (shard) =>
        full ||
        this.dirty.has(shard) ||
        (digests.get(shard) ?? '') !== (this.digests.get(shard) ?? ''),
    );
    if (!changed.length) return;
    const rows = await this.targets.groupRows(SHARDS, changed);
    const scanned = new Set(changed);
    const present = new Set<number>();
    const load: number[] = [];
    for (const row of rows) {
      present.add(row.id);
      const before = this.seen.get(row.id);
      this.seen.set(row.id, row.updatedAt);
      if (before !== row.updatedAt) this.unreadable.delete(row.id);
      if (!row.enabled) this.untrack(row.id);
      else if (
        before !== row.updatedAt ||
        !(this.tracked.has(row.id) || this.unreadable.has(row.id))
      )
        load.push(row.id);
    }
    for (const ids of [this.seen.keys(), this.tracked.keys()]) {
      for (const id of [...ids]) {
        if (scanned.has(shardOf(id)) && !present.has(id)) {
          this.seen.delete(id);
          this.unreadable.delete(id);
          this.untrack(id);
        }
      }
    }
    await this.load(load);
    if (this.gains !== gains) return;
    for (const shard of changed) {
      this.dirty.delete(shard);
      this.digests.set(shard, digests.get(shard) ?? '');
    }
  }

  /**
   * Tracks these targets (enabled, in owned shards), page by page: a target tracked already
   * takes its new definition and keeps its state; another starts from its stored state.
   */
  private async load(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length && !this.closing; i += LOAD_PAGE) {
      const { defs, failed } = await this.targets.enabledForProbingByIds(
        ids.slice(i, i + LOAD_PAGE),
      );
      for (const { id, error } of failed) {
        this.untrack(id);
        this.unreadable.add(id);
        this.logger.error(`Target ${id} is not probed: ${error.message}`);
      }
      const format = this.config.probing.logFormat;
      const fresh: TargetForProbing[] = [];
      for (const def of defs) {
        const known = this.tracked.get(def.id);
        if (!known) fresh.push(def);
        else {
          Object.assign(known, definitionOf(def, format));
          this.metrics.tracked(def, known.state.status);
          this.scheduler.upsert(def.id, def.frequencySeconds * 1000);
        }
      }
      if (!fresh.length) continue;
      const states = await this.states.forProbing(fresh.map((d) => d.id));
      for (const def of fresh) {
        const state = states.get(def.id);
        // the shard may have been lost meanwhile: track() leaves it then
        if (state && !this.tracked.has(def.id)) this.track(def, state);
      }
    }
  }

  /** Tracks a target of an owned shard (another is left to its owner). */
  private track(def: TargetForProbing, state: TargetState): void {
    if (!this.cluster.ownsTarget(def.id)) return;
    const epoch = this.cluster.fence() ? this.cluster.epochOf(def.id) : null;
    this.tracked.set(def.id, trackedOf(def, state, this.config.probing.logFormat, epoch));
    this.metrics.tracked(def, state.status);
    this.scheduler.upsert(def.id, def.frequencySeconds * 1000);
  }

  private untrack(id: number): void {
    this.scheduler.remove(id);
    this.tracked.delete(id);
    this.metrics.untracked(id);
  }

  private async runScheduled(id: number): Promise<void> {
    const tracked = this.tracked.get(id);
    if (tracked) await this.probe(tracked, true, false);
  }

  /** One probe of a target, after any probe of it still running; null when abandoned. */
  private probe(tracked: Tracked, notify: boolean, now: boolean): Promise<ProbeOutcome | null> {
    const previous = tracked.busy;
    const run = previous
      ? previous.then(() => this.probeOnce(tracked, notify, now))
      : this.probeOnce(tracked, notify, now);
    const done = (): void => {
      if (tracked.busy === settled) tracked.busy = null;
    };
    const settled: Promise<void> = run.then(done, done);
    tracked.busy = settled;
    return run;
  }

  /**
   * Probes, applies the result to the target's state and records it, with the change of status
   * it causes (the change is stored in the same transaction, so it cannot be lost on its way to
   * the notifications). A probe-now (`now`) has its steps traced and waits until its record is
   * committed; a scheduled probe does not wait for the database. The probe log line and the
   * state-change event follow the commit.
   */
  private async probeOnce(
    tracked: Tracked,
    notify: boolean,
    now: boolean,
  ): Promise<ProbeOutcome | null> {
    const { def, logPrefix } = tracked;
    const result = await this.prober.probe(tracked.spec, now);
    if (this.closing) return null;
    const { state, change } = applyResult(tracked.state, result, def);
    tracked.state = state;
    // a probe-now of another instance's target is no series of this one's
    if (this.tracked.get(def.id) === tracked) {
      this.metrics.probed(def, result.status, result.responseTimeMs / 1000, state.status);
    }
    const event = isPublished(change)
      ? TargetStateChangedEvent.of(def, state, result, change)
      : null;
    const stored: RecordedChange | null = event && {
      fromStatus: event.change.from,
      toStatus: event.change.to,
      changedAt: result.startedAt,
      notify,
      details: event.toJson(),
    };
    const published = notify ? event : null;
    const { epoch } = tracked;
    if (now) {
      await this.recordNow(def.id, state, result, stored, epoch);
      this.committed(logPrefix, result, published);
    } else {
      this.recorder.enqueue(
        def.id,
        state,
        result,
        stored,
        (error) => {
          if (error) this.notRecorded(def.id, error);
          else this.committed(logPrefix, result, published);
        },
        epoch,
      );
    }
    return { result, state, change };
  }

  /** Records a probe-now; 503 when the database does not take it in time (it is kept). */
  private async recordNow(
    id: number,
    state: TargetState,
    result: ProbeResult,
    change: RecordedChange | null,
    epoch: number | null,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), PROBE_NOW_RECORD_MS);
    });
    try {
      const outcome = await Promise.race([
        this.recorder.record(id, state, result, change, epoch),
        late,
      ]);
      if (outcome === 'late') {
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          'the database is unavailable: the probe was made and its result is written once ' +
            'the database returns',
          { headers: { 'Retry-After': '5' } },
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** A probe's state and result are in the database: log it, and publish its change. */
  private committed(
    logPrefix: string,
    result: ProbeResult,
    event: TargetStateChangedEvent | null,
  ): void {
    this.recorded += 1;
    try {
      this.log?.write(logPrefix, result);
      if (event) this.events.emit(TARGET_STATE_CHANGED, event);
    } catch (error) {
      this.logger.error(
        `Cannot report the probe of target ${event?.target.id ?? ''}: ${(error as Error).stack ?? String(error)}`,
      );
    }
  }

  private notRecorded(id: number, error: unknown): void {
    if (error instanceof LeaseLost) {
      // another instance owns the shard now: said once, when the shard is given up
      this.fencedOut += 1;
      this.cluster.leaseLost(id, error.epoch);
      return;
    }
    if (error instanceof ProbeDropped) {
      // counted by the recorder; said once per minute at most, not once per probe
      const now = Date.now();
      if (now - this.droppedSaidAt >= 60_000) {
        this.droppedSaidAt = now;
        this.logger.warn(
          `Probes are dropped unwritten (${this.recorder.stats().dropped} so far): ${error.message}`,
        );
      }
      return;
    }
    this.recordFailures += 1;
    this.logger.error(`Cannot record the probe of target ${id}: ${(error as Error).message}`);
  }
}
