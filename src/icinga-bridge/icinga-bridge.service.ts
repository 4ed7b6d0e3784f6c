import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AppConfig } from '../app.config';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { CommandService } from '../commands/command.service';
import { ProbingService } from '../probing/probing.service';
import { TARGET_STATE_CHANGED, TargetStateChangedEvent } from '../probing/state-changed.event';
import { TargetStatesService } from '../probing/target-states.service';
import { type BridgedTarget, TargetsService } from '../targets/targets.service';
import { IcingaBridgeStatesService } from './icinga-bridge-states.service';
import { passiveResult, type StatusToSubmit } from './passive-result';

export const REFRESH_JOB = 'icinga-bridge.refresh';

/** The refresh job looks for due targets at least this often, so that new links go out soon. */
const MAX_TICK_MS = 5000;

/** Submissions in flight at once. */
const IN_FLIGHT = 8;

/**
 * Submits bridged targets' statuses to Icinga as passive check results: each change of status
 * (TARGET_STATE_CHANGED) at once, and the current status of every bridged target this instance
 * probes when its last submission is older than the refresh period, when its link changed, or
 * when it has none yet (a target's first PASS is no published change). Submissions of one
 * target go out in order; an error is recorded for `icingaError` and never stops probing.
 */
@Injectable()
export class IcingaBridgeService implements OnApplicationBootstrap {
  private readonly logger = new Logger('IcingaBridge');
  private readonly refreshMs: number;
  /** The submission under way per target: later ones wait for it. */
  private readonly busy = new Map<number, Promise<void>>();
  /** When each target's last change of status was seen, to drop an older refresh of it. */
  private readonly changedAt = new Map<number, number>();
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Targets whose last try failed, to log a failure once until it is mended. */
  private readonly failing = new Set<number>();

  constructor(
    config: AppConfig,
    private readonly targets: TargetsService,
    private readonly probing: ProbingService,
    private readonly targetStates: TargetStatesService,
    private readonly states: IcingaBridgeStatesService,
    private readonly commands: CommandService,
    private readonly jobs: ScheduledJobs,
  ) {
    this.refreshMs = config.icingaBridge.refreshMs;
  }

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: REFRESH_JOB,
      everyMs: Math.min(this.refreshMs, MAX_TICK_MS),
      run: () => this.refresh(),
    });
  }

  @OnEvent(TARGET_STATE_CHANGED)
  async onStateChanged(event: TargetStateChangedEvent): Promise<void> {
    const { target, result } = event;
    if (target.status === 'NEW') return;
    this.changedAt.set(target.id, Date.now());
    try {
      const [link] = await this.targets.bridged([target.id]);
      if (!link) return;
      await this.submit(link, {
        status: target.status,
        description: target.statusDescription,
        httpStatus: result.httpStatus,
        responseTimeMs: result.responseTimeMs,
      });
    } catch (err) {
      this.logger.error(
        `Cannot submit the change of target ${target.id} to Icinga: ${(err as Error).message}`,
      );
    }
  }

  /** Submits the current status of every due bridged target this instance probes. */
  async refresh(): Promise<void> {
    const readAt = Date.now();
    const links = (await this.targets.bridged()).filter((l) => this.probing.probes(l.id));
    if (!links.length) return;
    const ids = links.map((l) => l.id);
    const [attempts, states] = await Promise.all([
      this.states.lastAttempts(ids),
      this.targetStates.forProbing(ids),
    ]);
    const due = links.filter((l) => {
      const last = attempts.get(l.id);
      return (
        last === undefined ||
        readAt - last.getTime() >= this.refreshMs ||
        l.updatedAt.getTime() > last.getTime()
      );
    });
    await Promise.all(
      due.map(async (link) => {
        const state = states.get(link.id);
        if (!state || state.status === 'NEW') return;
        await this.submit(
          link,
          {
            status: state.status,
            description: state.statusDescription,
            responseTimeMs: state.lastResponseTimeMs,
          },
          readAt,
        );
      }),
    );
  }

  /**
   * Submits one status, after the submissions of the target under way; a refresh (`readAt`, when
   * its status was read) is dropped when a change of status was seen since.
   */
  private submit(link: BridgedTarget, status: StatusToSubmit, readAt?: number): Promise<void> {
    const previous = this.busy.get(link.id) ?? Promise.resolve();
    const run = previous.then(async () => {
      if (readAt !== undefined && (this.changedAt.get(link.id) ?? 0) > readAt) return;
      await this.slot();
      try {
        await this.send(link, status);
      } finally {
        this.release();
      }
    });
    this.busy.set(link.id, run);
    return run.finally(() => {
      if (this.busy.get(link.id) === run) this.busy.delete(link.id);
    });
  }

  private async send(link: BridgedTarget, status: StatusToSubmit): Promise<void> {
    const ref = {
      hostName: link.hostName,
      ...(link.serviceDescription === null ? {} : { serviceDescription: link.serviceDescription }),
    };
    const { exitStatus, output } = passiveResult(status, link.serviceDescription !== null);
    const at = new Date();
    let error: string | null = null;
    try {
      await this.commands.submitCheckResult(link.site, ref, exitStatus, output);
    } catch (err) {
      error = (err as Error).message;
    }
    await this.states.record(link.id, at, error);
    if (error !== null && !this.failing.has(link.id)) {
      this.failing.add(link.id);
      this.logger.warn(`Cannot submit the status of target ${link.id} to Icinga: ${error}`);
    } else if (error === null && this.failing.delete(link.id)) {
      this.logger.log(`The status of target ${link.id} goes through to Icinga again`);
    }
  }

  private async slot(): Promise<void> {
    if (this.inFlight < IN_FLIGHT) {
      this.inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight -= 1;
  }
}
