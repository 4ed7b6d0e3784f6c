export interface ProbeSchedulerOptions {
  /** Probes running at once; more wait in a queue. */
  maxConcurrent: number;
  /** Runs one probe of a target; its errors are caught and reported through `onError`. */
  run: (id: number) => Promise<void>;
  onError?: (id: number, error: unknown) => void;
  /** Told of each probe's start and how late it is against its plan (for statistics). */
  onStart?: (id: number, lagMs: number) => void;
  now?: () => number;
  /** First runs of targets are spread over at most this long (default 60 s). */
  maxSpreadMs?: number;
}

interface Entry {
  id: number;
  periodMs: number;
  plannedAt: number;
  timer?: NodeJS.Timeout;
  running: boolean;
  queued: boolean;
}

const GOLDEN = 0.6180339887498949;

/**
 * Runs each target's probe at a fixed rate: the n-th run is planned at `first + n × period`,
 * whatever the previous runs took, so the period holds. A target whose previous probe is still
 * running (or waiting for a slot) when the next is due is not started twice; that run is skipped
 * and counted. First runs are spread by target id so that many targets with the same period do
 * not fire in the same instant. A slow or hanging probe holds only its own slot.
 */
export class ProbeScheduler {
  private readonly entries = new Map<number, Entry>();
  /** Waiting for a slot, oldest first (a Set keeps insertion order and deletes in O(1)). */
  private readonly queue = new Set<Entry>();
  private active = 0;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  readonly counters = { started: 0, skipped: 0, failed: 0 };

  constructor(private readonly options: ProbeSchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get running(): number {
    return this.active;
  }

  /** Adds a target, or changes its period (its next run is then planned afresh). */
  upsert(id: number, periodMs: number): void {
    if (this.stopped) return;
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.periodMs === periodMs) return;
      clearTimeout(existing.timer);
      existing.periodMs = periodMs;
      this.plan(existing, this.now() + this.spread(id, periodMs));
      return;
    }
    const entry: Entry = { id, periodMs, plannedAt: 0, running: false, queued: false };
    this.entries.set(id, entry);
    this.plan(entry, this.now() + this.spread(id, periodMs));
  }

  /** Stops probing a target; a probe of it already running finishes. */
  remove(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(id);
    this.queue.delete(entry);
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  /**
   * Starts no new probe and resolves once the running ones have finished, or after `graceMs`
   * at the latest; resolves to the number of probes still running then.
   */
  async stop(graceMs = Infinity): Promise<number> {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    this.queue.clear();
    if (this.active > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
        ...(Number.isFinite(graceMs)
          ? [new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]
          : []),
      ]);
      clearTimeout(timer);
    }
    return this.active;
  }

  private spread(id: number, periodMs: number): number {
    const window = Math.min(periodMs, this.options.maxSpreadMs ?? 60_000);
    return Math.floor(((id * GOLDEN) % 1) * window);
  }

  private plan(entry: Entry, at: number): void {
    entry.plannedAt = at;
    entry.timer = setTimeout(() => this.due(entry), Math.max(0, at - this.now()));
    entry.timer.unref?.();
  }

  private due(entry: Entry): void {
    if (this.stopped || this.entries.get(entry.id) !== entry) return;
    const planned = entry.plannedAt;
    // fixed rate: the next run follows the plan, not the time this one actually starts
    let next = planned + entry.periodMs;
    const now = this.now();
    while (next <= now) {
      next += entry.periodMs;
      this.counters.skipped += 1;
    }
    this.plan(entry, next);
    if (entry.running || entry.queued) {
      this.counters.skipped += 1;
      return;
    }
    if (this.active >= this.options.maxConcurrent) {
      entry.queued = true;
      this.queue.add(entry);
      return;
    }
    this.start(entry, planned);
  }

  private start(entry: Entry, planned: number): void {
    this.active += 1;
    entry.running = true;
    this.counters.started += 1;
    this.options.onStart?.(entry.id, this.now() - planned);
    void this.options
      .run(entry.id)
      .catch((error: unknown) => {
        this.counters.failed += 1;
        this.options.onError?.(entry.id, error);
      })
      .finally(() => {
        entry.running = false;
        this.active -= 1;
        const waiting = this.stopped ? undefined : this.queue.values().next().value;
        if (waiting) {
          this.queue.delete(waiting);
          waiting.queued = false;
          this.start(waiting, waiting.plannedAt - waiting.periodMs);
        }
        if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
  }
}
