/** Thrown by `BoundedConcurrency.run` when its wait queue is full. */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too much work is waiting');
    this.name = 'QueueFullError';
  }
}

/**
 * Runs at most `concurrency` tasks at once; up to `queueLimit` more wait in order, and further
 * ones are refused at once with an estimate of when the queue will have drained (from the mean
 * duration of recent tasks).
 */
export class BoundedConcurrency {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Moving average of task durations, in ms. */
  private meanMs: number;

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
    expectedMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.meanMs = expectedMs;
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Seconds until the work already running and waiting should be done (at least 1). */
  drainSeconds(): number {
    const rounds = (this.running + this.waiting.length) / this.concurrency;
    return Math.max(1, Math.ceil((rounds * this.meanMs) / 1000));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw new QueueFullError(this.drainSeconds());
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    const started = this.now();
    try {
      return await task();
    } finally {
      this.meanMs = 0.8 * this.meanMs + 0.2 * (this.now() - started);
      const next = this.waiting.shift();
      // the slot passes straight to the next task, so a newcomer cannot take it in between
      if (next) next();
      else this.running--;
    }
  }
}
