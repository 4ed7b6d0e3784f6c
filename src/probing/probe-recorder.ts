import type { DataSource } from 'typeorm';
import { TargetEntity } from '../targets/target.entity';
import { ProbeResultEntity } from './probe-result.entity';
import type { ProbeResult } from './probe-spec';
import type { TargetState } from './state';

interface Pending {
  targetId: number;
  state: TargetState;
  result: ProbeResult;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface ProbeRecorderOptions {
  /** A batch is written once it holds this many probes… */
  maxBatch?: number;
  /** …or this long after its first probe arrived. */
  maxDelayMs?: number;
}

const MAX_DESCRIPTION = 1024;

/** The target columns a probe writes: its state and counters, nothing of the definition. */
function stateColumns(s: TargetState): Partial<Record<keyof TargetEntity, unknown>> {
  return {
    status: s.status,
    statusDescription: s.statusDescription?.slice(0, MAX_DESCRIPTION) ?? null,
    previousStatus: s.previousStatus,
    ...(s.lastUpdated ? { lastUpdated: s.lastUpdated } : {}),
    lastProbeAt: s.lastProbeAt,
    lastResponseTimeMs: s.lastResponseTimeMs,
    passCount: s.passCount,
    failCount: s.failCount,
    status2xxCount: s.status2xxCount,
    status3xxCount: s.status3xxCount,
    status4xxCount: s.status4xxCount,
    status5xxCount: s.status5xxCount,
    networkFailCount: s.networkFailCount,
    repeatedFailCount: s.repeatedFailCount,
    repeatedPassCount: s.repeatedPassCount,
    // a probe is not a change of the definition: keep updated_at as it is
    updatedAt: () => 'updated_at',
  };
}

/**
 * Writes probes to the database in batches: one transaction per batch updates each target's
 * state and counters (to the state after its last probe in the batch) and inserts one
 * probe_results row per probe. The end result is the same as one transaction per probe, with
 * far fewer commits. A batch either lands whole or not at all; when it fails, its probes are
 * written one transaction each so that one bad probe (a target deleted meanwhile) loses only itself.
 */
export class ProbeRecorder {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly dataSource: DataSource,
    options: ProbeRecorderOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 20;
  }

  /** Resolves once the probe's state and result row are committed. */
  record(targetId: number, state: TargetState, result: ProbeResult): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ targetId, state, result, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.maxDelayMs);
    });
  }

  /** Writes everything queued so far; resolves once it is committed (or has failed). */
  async drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.startBatch();
    await this.writing;
  }

  private flushSoon(delayMs: number): void {
    if (delayMs === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.startBatch();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startBatch();
    }, delayMs);
  }

  private startBatch(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    // batches are written one after the other, in order
    this.writing = this.writing.then(() => this.write(batch));
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.commit(batch);
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const p of batch) {
        try {
          await this.commit([p]);
          p.resolve();
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const last = new Map<number, TargetState>();
    for (const p of batch) last.set(p.targetId, p.state);
    await this.dataSource.transaction(async (m) => {
      for (const [id, state] of last) {
        const res = await m
          .createQueryBuilder()
          .update(TargetEntity)
          .set(stateColumns(state))
          .where('id = :id', { id })
          .execute();
        if (res.affected === 0) throw new TargetGone(id);
      }
      const rows = batch.map((p) => ({
        targetId: p.targetId,
        probedAt: p.result.startedAt,
        status: p.result.status,
        httpStatus: p.result.httpStatus,
        responseTimeMs: Math.round(p.result.responseTimeMs),
        description: p.result.description.slice(0, MAX_DESCRIPTION),
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await m
          .createQueryBuilder()
          .insert()
          .into(ProbeResultEntity)
          .values(rows.slice(i, i + 200))
          .updateEntity(false)
          .execute();
      }
    });
  }
}

/** The target was deleted while it was being probed: its probe is not recorded. */
export class TargetGone extends Error {
  constructor(readonly targetId: number) {
    super(`target ${targetId} no longer exists`);
    this.name = 'TargetGone';
  }
}
