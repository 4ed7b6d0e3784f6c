import { ProbeScheduler } from './scheduler';

/** Waits on the (fake) clock: probes in these tests take time without taking it. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets `ms` of fake time pass, running every timer and promise that falls due meanwhile. */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('ProbeScheduler', () => {
  let scheduler: ProbeScheduler | undefined;
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(async () => {
    const stopped = scheduler?.stop(200);
    await elapse(200);
    await stopped;
    scheduler = undefined;
    jest.useRealTimers();
  });

  it('keeps the period: a 200 ms target runs 9 to 11 times in 2 s, even when probes take time', async () => {
    const runs: number[] = [];
    scheduler = new ProbeScheduler({
      maxConcurrent: 10,
      maxSpreadMs: 0,
      run: async (id) => {
        runs.push(id);
        await sleep(80); // probe time must not stretch the period
      },
    });
    scheduler.upsert(1, 200);
    await elapse(2000);
    expect(runs.length).toBeGreaterThanOrEqual(9);
    expect(runs.length).toBeLessThanOrEqual(11);
  });

  it('while held, takes targets in without running them, and plans them from the release', async () => {
    const runs: { id: number; at: number }[] = [];
    scheduler = new ProbeScheduler({
      maxConcurrent: 10,
      run: (id) => {
        runs.push({ id, at: Date.now() });
        return Promise.resolve();
      },
    });
    scheduler.hold();
    scheduler.upsert(1, 100);
    scheduler.upsert(2, 100);
    await elapse(300);
    expect(runs).toEqual([]);
    const released = Date.now();
    scheduler.release();
    await elapse(1000);
    for (const id of [1, 2]) {
      const times = runs.filter((r) => r.id === id).map((r) => r.at);
      // the first run within about one period of the release, then the period holds
      expect(times[0]).toBeGreaterThanOrEqual(released);
      expect(times[0] - released).toBeLessThan(200);
      expect(times.length).toBeGreaterThanOrEqual(9);
      expect(times.length).toBeLessThanOrEqual(11);
    }
  });

  it('lets a hanging target delay nobody, and never starts it twice', async () => {
    const runs = new Map<number, number>();
    scheduler = new ProbeScheduler({
      maxConcurrent: 10,
      maxSpreadMs: 0,
      run: (id) => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        return id === 1 ? new Promise<void>(() => undefined) : Promise.resolve();
      },
    });
    scheduler.upsert(1, 100);
    scheduler.upsert(2, 100);
    await elapse(1050);
    expect(runs.get(1)).toBe(1);
    expect(runs.get(2)).toBeGreaterThanOrEqual(9);
    expect(scheduler.counters.skipped).toBeGreaterThanOrEqual(8);
    scheduler.remove(1);
  });

  it('bounds probes in flight and starts waiting ones as slots free up', async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    scheduler = new ProbeScheduler({
      maxConcurrent: 2,
      maxSpreadMs: 0,
      run: async (id) => {
        started.push(id);
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await sleep(100);
        inFlight -= 1;
      },
    });
    for (let id = 1; id <= 6; id++) scheduler.upsert(id, 10_000);
    await elapse(450);
    expect(peak).toBe(2);
    expect([...started].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('starts waiting probes oldest first, and never one whose target was removed meanwhile', async () => {
    const started: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    scheduler = new ProbeScheduler({
      maxConcurrent: 1,
      maxSpreadMs: 0,
      run: async (id) => {
        started.push(id);
        if (id === 1) await gate;
      },
    });
    for (const id of [1, 5, 3, 4, 2]) {
      scheduler.upsert(id, 10_000);
      await elapse(5);
    }
    scheduler.remove(3);
    expect(started).toEqual([1]);
    release();
    await elapse(50);
    expect(started).toEqual([1, 5, 4, 2]);
  });

  it('stops probing a removed target and follows a changed period', async () => {
    const runs = new Map<number, number>();
    scheduler = new ProbeScheduler({
      maxConcurrent: 10,
      maxSpreadMs: 0,
      run: (id) => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        return Promise.resolve();
      },
    });
    scheduler.upsert(1, 100);
    scheduler.upsert(2, 10_000);
    await elapse(250);
    scheduler.remove(1);
    scheduler.upsert(2, 100);
    const afterRemove = runs.get(1) ?? 0;
    await elapse(550);
    expect(runs.get(1)).toBe(afterRemove);
    expect(runs.get(2)).toBeGreaterThanOrEqual(5);
  });

  it('spreads the first runs of targets with the same period', async () => {
    const firstStart = new Map<number, number>();
    const t0 = Date.now();
    scheduler = new ProbeScheduler({
      maxConcurrent: 1000,
      run: (id) => {
        if (!firstStart.has(id)) firstStart.set(id, Date.now() - t0);
        return Promise.resolve();
      },
    });
    for (let id = 1; id <= 200; id++) scheduler.upsert(id, 1000);
    await elapse(1100);
    const times = [...firstStart.values()];
    expect(times).toHaveLength(200);
    const perTenth = new Array(10).fill(0) as number[];
    for (const t of times) perTenth[Math.min(9, Math.floor(t / 100))] += 1;
    // no tenth of the period gets more than a quarter of the targets
    expect(Math.max(...perTenth)).toBeLessThan(50);
    // neighbouring ids (blocks of 16) start close together: their rows are written together
    for (let block = 1; block < 12; block++) {
      const starts = Array.from({ length: 16 }, (_, k) => firstStart.get(block * 16 + k) ?? NaN);
      expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(40);
    }
  });

  it('waits for running probes on stop and starts no new one', async () => {
    let finished = 0;
    let starts = 0;
    const s = new ProbeScheduler({
      maxConcurrent: 10,
      maxSpreadMs: 0,
      run: async () => {
        starts += 1;
        await sleep(200);
        finished += 1;
      },
    });
    s.upsert(1, 50);
    await elapse(20);
    let finishedAtStop: number | undefined;
    const stopped = s.stop().then(() => (finishedAtStop = finished));
    await elapse(100);
    expect(finishedAtStop).toBeUndefined();
    await elapse(100);
    await stopped;
    expect(finishedAtStop).toBe(starts);
    await elapse(150);
    expect(starts).toBe(1);
  });
});
