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
  /** The wheel slot the entry waits in; -1 when it waits in none. */
  slot: number;
  running: boolean;
  queued: boolean;
}

const GOLDEN = 0.6180339887498949;

/**
 * First runs are spread by blocks of this many consecutive ids: the blocks over the whole
 * window, the ids of one block close together (1/64 of the window), so that targets probed at
 * about the same time have neighbouring rows, which keeps each batch of writes on few pages.
 */
const SPREAD_BLOCK = 16;

/** Width of one slot of the timer wheel: the scheduler looks for due probes this often. */
const TICK_MS = 5;

/**
 * Runs each target's probe at a fixed rate: the n-th run is planned at `first + n × period`,
 * whatever the previous runs took, so the period holds. A target whose previous probe is still
 * running (or waiting for a slot) when the next is due is not started twice; that run is skipped
 * and counted. First runs are spread by target id so that many targets with the same period do
 * not fire in the same instant. A slow or hanging probe holds only its own slot.
 *
 * Planned runs wait on a timer wheel (slots of TICK_MS, keyed by absolute slot number): one
 * timer for the whole scheduler instead of one per target, O(1) to plan and to cancel. A run
 * never starts before its planned time; it starts at most one tick after it when a slot for it
 * is free.
 */
export class ProbeScheduler {
  private readonly entries = new Map<number, Entry>();
  /** Planned runs by slot number (`ceil(plannedAt / TICK_MS)`). */
  private readonly wheel = new Map<number, Entry[]>();
  /** The last slot whose runs were started. */
  private doneSlot = -1;
  private ticker: NodeJS.Timeout | undefined;
  /** Waiting for a slot, oldest first, from `queueHead` on; removed entries are skipped. */
  private queue: Entry[] = [];
  private queueHead = 0;
  private active = 0;
  private stopped = false;
  /** Targets are taken in but not planned (while the stored ones are being loaded). */
  private held = false;
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
      existing.periodMs = periodMs;
      if (!this.held) this.plan(existing, this.now() + this.spread(id, periodMs));
      return;
    }
    const entry: Entry = { id, periodMs, plannedAt: 0, slot: -1, running: false, queued: false };
    this.entries.set(id, entry);
    if (!this.held) this.plan(entry, this.now() + this.spread(id, periodMs));
  }

  /**
   * Takes targets in without planning any run until `release`, so that the first runs of
   * targets added meanwhile (many, loaded at start-up) are spread from the moment probing
   * starts, not from a moment already past while the rest were being added.
   */
  hold(): void {
    this.held = true;
  }

  /** Plans the first run of every target added since `hold`, spread from now. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.stopped) return;
    const now = this.now();
    for (const entry of this.entries.values()) {
      if (entry.slot === -1 && !entry.running && !entry.queued) {
        this.plan(entry, now + this.spread(entry.id, entry.periodMs));
      }
    }
  }

  /** Stops probing a target; a probe of it already running finishes. */
  remove(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    // its planned run and its place in the queue are skipped when they come up
    entry.slot = -1;
    entry.queued = false;
    if (this.entries.size === 0) this.idle();
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
    this.entries.clear();
    this.wheel.clear();
    this.queue = [];
    this.queueHead = 0;
    this.idle();
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
    if (window <= 0) return 0;
    const block = Math.floor(id / SPREAD_BLOCK);
    const within = (id % SPREAD_BLOCK) / (SPREAD_BLOCK * 64);
    return Math.floor((((block * GOLDEN) % 1) + within) * window) % window;
  }

  private plan(entry: Entry, at: number): void {
    entry.plannedAt = at;
    // a slot already passed (the run is due now) is taken by the next tick
    const slot = Math.max(Math.ceil(at / TICK_MS), this.doneSlot + 1);
    entry.slot = slot;
    const bucket = this.wheel.get(slot);
    if (bucket) bucket.push(entry);
    else this.wheel.set(slot, [entry]);
    if (!this.ticker) {
      if (this.doneSlot < 0) this.doneSlot = Math.floor(this.now() / TICK_MS) - 1;
      this.ticker = setInterval(() => this.tick(), TICK_MS);
      this.ticker.unref?.();
    }
  }

  /** No target left: the wheel stops turning. */
  private idle(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.wheel.clear();
    this.doneSlot = -1;
  }

  /** Starts the runs of every slot that has come due since the last tick. */
  private tick(): void {
    const current = Math.floor(this.now() / TICK_MS);
    for (let slot = this.doneSlot + 1; slot <= current; slot++) {
      this.doneSlot = slot;
      const bucket = this.wheel.get(slot);
      if (!bucket) continue;
      this.wheel.delete(slot);
      for (const entry of bucket) {
        // an entry planned afresh or removed has left this slot
        if (entry.slot === slot) this.due(entry);
      }
    }
  }

  private due(entry: Entry): void {
    if (this.stopped) return;
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
      this.queue.push(entry);
      return;
    }
    this.start(entry, planned);
  }

  /** The oldest queued entry still waiting, if any. */
  private nextQueued(): Entry | undefined {
    while (this.queueHead < this.queue.length) {
      const entry = this.queue[this.queueHead++];
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      if (entry.queued) {
        entry.queued = false;
        return entry;
      }
    }
    this.queue = [];
    this.queueHead = 0;
    return undefined;
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
        const waiting = this.stopped ? undefined : this.nextQueued();
        if (waiting) this.start(waiting, waiting.plannedAt - waiting.periodMs);
        if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
  }
}
