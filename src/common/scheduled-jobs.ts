import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/** A periodic job: `run` every `everyMs`, the first time after `firstAfterMs` (default `everyMs`). */
export interface JobDefinition {
  /** Its name in SchedulerRegistry and in /health, e.g. `notifications.outbox-poll`. */
  name: string;
  everyMs: number;
  firstAfterMs?: number;
  run: () => Promise<unknown>;
}

/** How a job has fared since start-up. */
export interface JobStats {
  name: string;
  everyMs: number;
  /** Runs finished, failed ones included. */
  runs: number;
  failures: number;
  lastFailureAt: Date | null;
}

interface Job extends JobStats {
  run: () => Promise<unknown>;
  running: Promise<void> | null;
  /** Triggered while running: run once more afterwards. */
  again: boolean;
  stopped: boolean;
  timers: string[];
}

/**
 * vigil's periodic jobs (result pruning, the outbox poll), registered in Nest's SchedulerRegistry
 * so that ScheduleModule clears them on shutdown. A run never overlaps the previous one; its error
 * is caught, logged and counted, and the next run comes as planned. The probe wheel is not one of
 * them: it is ProbeScheduler's own (see README, "Probing").
 */
@Injectable()
export class ScheduledJobs implements OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly registry: SchedulerRegistry) {}

  schedule({ name, everyMs, firstAfterMs, run }: JobDefinition): void {
    if (this.jobs.has(name)) throw new Error(`job ${name} is scheduled twice`);
    const job: Job = {
      name,
      everyMs,
      run,
      runs: 0,
      failures: 0,
      lastFailureAt: null,
      running: null,
      again: false,
      stopped: false,
      timers: [],
    };
    this.jobs.set(name, job);
    // the timers never keep the process alive: shutdown hooks stop the jobs
    const interval = setInterval(() => this.start(job, false), everyMs).unref();
    this.registry.addInterval(name, interval);
    job.timers.push(name);
    if (firstAfterMs !== undefined) {
      const first = setTimeout(() => this.start(job, false), firstAfterMs).unref();
      this.registry.addTimeout(`${name}.first`, first);
      job.timers.push(`${name}.first`);
    }
  }

  /** Runs the job now; when a run is under way, once more after it. */
  trigger(name: string): void {
    const job = this.jobs.get(name);
    if (job) this.start(job, true);
  }

  /** The jobs' runs and failures, in the order they were scheduled. */
  stats(): JobStats[] {
    return [...this.jobs.values()].map(({ name, everyMs, runs, failures, lastFailureAt }) => ({
      name,
      everyMs,
      runs,
      failures,
      lastFailureAt,
    }));
  }

  /** Stops the job's timers and waits for the run under way. */
  async stop(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) return;
    job.stopped = true;
    job.again = false;
    for (const timer of job.timers.splice(0)) {
      if (this.registry.doesExist('interval', timer)) this.registry.deleteInterval(timer);
      if (this.registry.doesExist('timeout', timer)) this.registry.deleteTimeout(timer);
    }
    await job.running;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((name) => this.stop(name)));
  }

  private start(job: Job, again: boolean): void {
    if (job.stopped) return;
    if (job.running) {
      job.again ||= again;
      return;
    }
    job.running = this.runOnce(job).finally(() => {
      job.running = null;
      if (job.again) {
        job.again = false;
        this.start(job, false);
      }
    });
  }

  private async runOnce(job: Job): Promise<void> {
    try {
      await job.run();
    } catch (error) {
      job.failures += 1;
      job.lastFailureAt = new Date();
      this.logger.error(
        `${job.name} failed (${job.failures} time(s) since start): ${(error as Error).message}`,
      );
    } finally {
      job.runs += 1;
    }
  }
}
