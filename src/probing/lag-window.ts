/**
 * The largest lag seen over the last `windowSeconds` (how late probes started against their
 * plan), kept as one maximum per second in a ring: O(1) per probe, O(window) per read.
 */
export class LagWindow {
  private readonly maxMs: number[];
  /** The second (since the epoch) each slot holds; -1 when none. */
  private readonly seconds: number[];

  constructor(
    private readonly windowSeconds = 60,
    private readonly now: () => number = Date.now,
  ) {
    this.maxMs = new Array<number>(windowSeconds).fill(0);
    this.seconds = new Array<number>(windowSeconds).fill(-1);
  }

  record(lagMs: number): void {
    const second = Math.floor(this.now() / 1000);
    const slot = second % this.windowSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.maxMs[slot] = lagMs;
    } else if (lagMs > this.maxMs[slot]) {
      this.maxMs[slot] = lagMs;
    }
  }

  /** The largest lag recorded within the window, in whole ms; null when none was recorded. */
  max(): number | null {
    const oldest = Math.floor(this.now() / 1000) - this.windowSeconds;
    let max: number | null = null;
    for (let slot = 0; slot < this.windowSeconds; slot++) {
      if (this.seconds[slot] > oldest && (max === null || this.maxMs[slot] > max)) {
        max = this.maxMs[slot];
      }
    }
    return max === null ? null : Math.round(max);
  }
}
