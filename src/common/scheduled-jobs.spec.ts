import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ScheduledJobs } from './scheduled-jobs';

describe('ScheduledJobs', () => {
  let registry: SchedulerRegistry;
  let jobs: ScheduledJobs;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    registry = new SchedulerRegistry();
    jobs = new ScheduledJobs(registry);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Lets the promises of the runs due so far settle. */
  const advance = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('counts a failing run, logs it, and runs again on schedule', async () => {
    let calls = 0;
    jobs.schedule({
      name: 'flaky',
      everyMs: 1000,
      run: () => {
        calls += 1;
        return calls <= 2 ? Promise.reject(new Error(`outage ${calls}`)) : Promise.resolve();
      },
    });
    expect(registry.getIntervals()).toEqual(['flaky']);
    await advance(2000);
    expect(jobs.stats()).toEqual([
      { name: 'flaky', everyMs: 1000, runs: 2, failures: 2, lastFailureAt: expect.any(Date) },
    ]);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      'flaky failed (2 time(s) since start): outage 2',
    );
    await advance(3000);
    expect(jobs.stats()[0]).toMatchObject({ runs: 5, failures: 2 });
  });

  it('runs first after firstAfterMs, never overlaps a run, and runs once more when triggered meanwhile', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    jobs.schedule({
      name: 'slow',
      everyMs: 100,
      firstAfterMs: 10,
      run: async () => {
        calls += 1;
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 250));
        running -= 1;
      },
    });
    await advance(10);
    expect(calls).toBe(1);
    // ticks at 100 and 200 find the first run under way: skipped
    jobs.trigger('slow');
    await advance(250);
    expect(calls).toBe(2); // the trigger's run, right after the first
    expect(most).toBe(1);
  });

  it('stops on shutdown: timers leave the registry and the run under way is waited for', async () => {
    let finished = false;
    jobs.schedule({
      name: 'long',
      everyMs: 100,
      firstAfterMs: 0,
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
      },
    });
    expect(registry.getTimeouts()).toEqual(['long.first']);
    await advance(0);
    const stopping = jobs.onModuleDestroy();
    expect(registry.getIntervals()).toEqual([]);
    expect(registry.getTimeouts()).toEqual([]);
    await advance(500);
    await stopping;
    expect(finished).toBe(true);
    jobs.trigger('long');
    await advance(1000);
    expect(jobs.stats()[0].runs).toBe(1);
  });
});
