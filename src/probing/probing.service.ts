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
import { Agent } from 'undici';
import { AppConfig } from '../app.config';
import { ProblemException } from '../common/problem';
import { TargetChangedEvent, TargetEvents } from '../targets/target-events';
import type { TargetForProbing } from '../targets/target.mapper';
import { TargetsService } from '../targets/targets.service';
import type { ProbeNowDto } from './dto/probe-now.dto';
import { HttpProber, prepareSpec } from './http-prober';
import { KeystoneTokens } from './keystone';
import { linePrefix, ProbeLog, type ProbeLogEvent, type ProbeLogFormat } from './probe-log';
import {
  ProbeDropped,
  ProbeRecorder,
  type RecordedChange,
  type RecorderStats,
} from './probe-recorder';
import type { ProbeResult, ProbeSpec } from './probe-spec';
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
  return prepareSpec({
    url: t.url,
    method: t.method,
    headers: t.headers,
    body: t.body ?? undefined,
    auth: t.auth,
    timeoutSeconds: t.timeoutSeconds,
    expectedStatus: t.expectedStatus,
    bodyContains: t.bodyContains ?? undefined,
    bodyRegex: t.bodyRegex ?? undefined,
    jsonPath: t.jsonPath ?? undefined,
    jsonEquals: t.jsonPath !== null ? t.jsonEquals : undefined,
    maxResponseTimeMs: t.maxResponseTimeMs ?? undefined,
    freshConnection: t.freshConnection,
  });
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
function trackedOf(def: TargetForProbing, state: TargetState, format: ProbeLogFormat): Tracked {
  // assigned, not spread into a new object: one hidden class for every tracked target
  return Object.assign(definitionOf(def, format), { state: stateOf(state), busy: null });
}

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
  targets: number;
  /** The most a scheduled probe started late against its plan over the last minute, in ms; null when none started. */
  scheduleLagMs: number | null;
  /** How the writes of probes go (queue, dropped probes, database unavailable since). */
  recorder: RecorderStats;
}

/** How long a probe-now waits for its result to be written before it answers 503. */
const PROBE_NOW_RECORD_MS = 10_000;

/**
 * The probing engine: keeps every enabled target on the ProbeScheduler (kept current through
 * the Targets module's events), probes with the HttpProber, applies the result to the target's
 * state, records state, counters and history, writes the probe log, and publishes
 * `target.state-changed` when the status changes.
 */
@Injectable()
export class ProbingService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Probing');
  private readonly tracked = new Map<number, Tracked>();
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  readonly keystone = new KeystoneTokens({ dispatcher: this.agent });
  /** Body regexes run here, off the event loop. */
  private readonly regex = new RegexThread();
  private readonly prober = new HttpProber({
    dispatcher: this.agent,
    keystone: this.keystone,
    regex: this.regex,
  });
  private readonly recorder: ProbeRecorder;
  private readonly scheduler: ProbeScheduler;
  private log: ProbeLog | null = null;
  private closing = false;
  private recorded = 0;
  private recordFailures = 0;
  private droppedSaidAt = 0;
  private readonly lag = new LagWindow();
  /** Told how late each scheduled probe starts against its plan (benchmarks, statistics). */
  onLag?: (lagMs: number) => void;

  constructor(
    private readonly config: AppConfig,
    private readonly targets: TargetsService,
    private readonly events: EventEmitter2,
    private readonly states: TargetStatesService,
    dataSource: DataSource,
  ) {
    this.recorder = new ProbeRecorder(dataSource, { maxQueued: config.probing.buffer });
    this.scheduler = new ProbeScheduler({
      maxConcurrent: config.probing.concurrency,
      run: (id) => this.runScheduled(id),
      onError: (id, error) =>
        this.logger.error(
          `Probe of target ${id} failed: ${(error as Error).stack ?? String(error)}`,
        ),
      onStart: (_id, lagMs) => {
        this.lag.record(lagMs);
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
    // page by page, so that the objects read for one page are short-lived; the first runs
    // are planned once all are in, spread from then on
    this.scheduler.hold();
    try {
      for (let after: number | null = 0; after !== null;) {
        const page = await this.loadEnabled(after);
        const states = await this.states.forProbing(page.defs.map((d) => d.id));
        for (const def of page.defs) {
          const state = states.get(def.id);
          if (state) this.track(def, state);
        }
        after = page.next;
      }
    } finally {
      this.scheduler.release();
    }
    this.logger.log(`Probing ${this.tracked.size} target(s), log in ${probing.logFile}`);
  }

  /** No new probe starts; those in flight get their timeout, then pending records are written. */
  async beforeApplicationShutdown(): Promise<void> {
    let longest = 0;
    for (const t of this.tracked.values()) longest = Math.max(longest, t.def.timeoutSeconds);
    const left = await this.scheduler.stop(longest * 1000 + 500);
    // a probe still running now is abandoned: it records nothing
    this.closing = true;
    if (left > 0) this.logger.warn(`Abandoned ${left} probe(s) still running at shutdown`);
    await this.recorder.close();
    this.tracked.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    const log = this.log;
    this.log = null;
    log?.event({ event: 'stop', message: 'shutting down vigil' });
    await log?.close();
    await this.agent.close().catch(() => undefined);
    await this.regex.close();
  }

  /**
   * Writes a line that is no probe to the probe log: a notification attempt (the notifications
   * module reports each one), as skypunch's log had them next to the probes.
   */
  logEvent(event: ProbeLogEvent): void {
    this.log?.event(event);
  }

  stats(): ProbingStats {
    return {
      ...this.scheduler.counters,
      recorded: this.recorded,
      recordFailures: this.recordFailures,
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
    try {
      const known = this.tracked.get(event.targetId);
      // the stored state may lag behind a batch not yet written
      if (!known) await this.settled();
      const def = await this.targets.forProbing(event.targetId);
      if (!def || !def.enabled) {
        this.untrack(event.targetId);
        return;
      }
      if (known) {
        // a new definition; the state and a probe running on it stay
        Object.assign(known, definitionOf(def, this.config.probing.logFormat));
        this.scheduler.upsert(def.id, def.frequencySeconds * 1000);
      } else {
        const state = (await this.states.forProbing([def.id])).get(def.id);
        if (state) this.track(def, state);
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
      tracked = trackedOf(def, state, this.config.probing.logFormat);
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
      targetStatus: state.status,
      change,
      notified: notify && isPublished(change),
    };
  }

  /**
   * A page of the enabled targets, in id order after `after`, and where the next page starts
   * (null after the last one); a target whose password cannot be decrypted is left out and named.
   */
  private async loadEnabled(
    after: number,
  ): Promise<{ defs: TargetForProbing[]; next: number | null }> {
    const next = (ids: { id: number }[]) =>
      ids.length === LOAD_PAGE ? ids[ids.length - 1].id : null;
    try {
      const defs = await this.targets.enabledForProbing(after, LOAD_PAGE);
      return { defs, next: next(defs) };
    } catch {
      const ids = (await this.targets.enabledIds(after, LOAD_PAGE)).map((id) => ({ id }));
      const defs: TargetForProbing[] = [];
      for (const { id } of ids) {
        try {
          const def = await this.targets.forProbing(id);
          if (def) defs.push(def);
        } catch (error) {
          this.logger.error(`Target ${id} is not probed: ${(error as Error).message}`);
        }
      }
      return { defs, next: next(ids) };
    }
  }

  private track(def: TargetForProbing, state: TargetState): void {
    this.tracked.set(def.id, trackedOf(def, state, this.config.probing.logFormat));
    this.scheduler.upsert(def.id, def.frequencySeconds * 1000);
  }

  private untrack(id: number): void {
    this.scheduler.remove(id);
    this.tracked.delete(id);
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
    if (now) {
      await this.recordNow(def.id, state, result, stored);
      this.committed(logPrefix, result, published);
    } else {
      this.recorder.enqueue(def.id, state, result, stored, (error) => {
        if (error) this.notRecorded(def.id, error);
        else this.committed(logPrefix, result, published);
      });
    }
    return { result, state, change };
  }

  /** Records a probe-now; 503 when the database does not take it in time (it is kept). */
  private async recordNow(
    id: number,
    state: TargetState,
    result: ProbeResult,
    change: RecordedChange | null,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), PROBE_NOW_RECORD_MS);
    });
    try {
      const outcome = await Promise.race([this.recorder.record(id, state, result, change), late]);
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
