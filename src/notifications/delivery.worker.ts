import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../app.config';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { NotifiersService } from '../notifiers/notifiers.service';
import { TARGET_STATE_CHANGED } from '../probing/state-changed.event';
import { NotificationEntity } from './notification.entity';
import { ProbingService } from '../probing/probing.service';
import { OutboxService } from './outbox.service';
import { SmtpMailer } from './smtp-mailer';

/** Due deliveries taken per tick; the rest wait for the next one. */
const BATCH = 100;

/** Rounds of stored changes turned into deliveries per tick; the rest wait for the next one. */
const FAN_OUT_ROUNDS = 20;

/** The outbox poll's name in SchedulerRegistry and /health. */
export const OUTBOX_POLL_JOB = 'notifications.outbox-poll';

/** Delay before attempt `attempts + 1`: base · 2^(attempts - 1), at most `max`. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
}

/**
 * Sends the outbox. Each run of the outbox poll job (every VIGIL_NOTIFY_POLL_MS, and on every
 * stored change of state) first has the OutboxService
 * write the deliveries of the changes not yet read, then finds the due `pending` rows and sends
 * each on its own: for one target and notifier only the oldest row not yet settled is due, so
 * mails of one target arrive in the order its state changed, also after an SMTP outage. A row
 * is claimed by an atomic `pending → sending` update, so that it is sent once;
 * then it becomes `sent`, or `pending` again with its next attempt after an exponential backoff,
 * or `dead` once it is older than the maximum age. On start, rows a stopped process left in
 * `sending` go back to `pending`; on shutdown, sends under way are waited for.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private closing = false;
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(
    @InjectRepository(NotificationEntity)
    private readonly outbox: Repository<NotificationEntity>,
    private readonly notifiers: NotifiersService,
    private readonly mailer: SmtpMailer,
    private readonly config: AppConfig,
    private readonly outboxWriter: OutboxService,
    private readonly probing: ProbingService,
    private readonly jobs: ScheduledJobs,
  ) {}

  /** A change of state is stored: its deliveries are written and sent now. */
  @OnEvent(TARGET_STATE_CHANGED)
  onStateChanged(): void {
    this.kick();
  }

  async onApplicationBootstrap(): Promise<void> {
    const resumed = await this.outbox.update(
      { state: 'sending' },
      { state: 'pending', nextAttemptAt: new Date() },
    );
    if (resumed.affected) {
      this.logger.warn(`${resumed.affected} delivery(ies) interrupted by a stop are pending again`);
    }
    const pending = await this.outbox.count({ where: { state: 'pending' } });
    if (pending) this.logger.log(`Resuming ${pending} pending delivery(ies)`);
    this.jobs.schedule({
      name: OUTBOX_POLL_JOB,
      everyMs: this.config.notifications.pollMs,
      run: () => this.tick(),
    });
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.jobs.stop(OUTBOX_POLL_JOB);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Looks for due deliveries now (again once the current look is over). */
  kick(): void {
    if (!this.closing) this.jobs.trigger(OUTBOX_POLL_JOB);
  }

  private async tick(): Promise<void> {
    for (let round = 0; round < FAN_OUT_ROUNDS; round += 1) {
      if (this.closing || (await this.outboxWriter.fanOut()) === 0) break;
    }
    const due = await this.dueIds();
    for (const id of due) {
      if (this.closing) return;
      if (this.inFlight.has(id)) continue;
      const run = this.deliver(id)
        .catch((err: unknown) => {
          this.logger.error(`Delivery ${id} failed unexpectedly: ${(err as Error).message}`);
        })
        .finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, run);
    }
  }

  /**
   * The due pending deliveries, oldest first: a row waits while an older row of its target and
   * notifier is still pending or being sent, so that a newer state is never mailed before an
   * older one.
   */
  private async dueIds(): Promise<number[]> {
    const rows = await this.outbox
      .createQueryBuilder('n')
      .select('n.id', 'id')
      .where('n.state = :pending AND n.nextAttemptAt <= :now', {
        pending: 'pending',
        now: new Date(),
      })
      .andWhere((qb) => {
        const older = qb
          .subQuery()
          .select('1')
          .from(NotificationEntity, 'o')
          .where('o.targetId = n.targetId AND o.notifierId = n.notifierId AND o.id < n.id')
          .andWhere('o.state IN (:...unsettled)', { unsettled: ['pending', 'sending'] })
          .getQuery();
        return `NOT EXISTS ${older}`;
      })
      .orderBy('n.nextAttemptAt', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .limit(BATCH)
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  /** One attempt at one delivery, if it is still pending and nobody else took it. */
  private async deliver(id: number): Promise<void> {
    const claimed = await this.outbox
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ state: 'sending', attempts: () => 'attempts + 1' })
      .where('id = :id AND state = :state', { id, state: 'pending' })
      .execute();
    if (!claimed.affected) return;
    const row = await this.outbox.findOneByOrFail({ id });

    const [notifier] = await this.notifiers.forDelivery([row.notifierId]);
    if (!notifier) {
      const availability = await this.notifiers.availability(row.notifierId);
      if (availability !== 'enabled') {
        const reason = `notifier ${row.notifierId} was ${availability}`;
        await this.settle(id, { state: 'dropped', lastError: reason });
        this.logger.warn(`Delivery ${id} (${row.kind} "${row.targetName}") dropped: ${reason}`);
        return;
      }
      await this.failed(
        row,
        `notifier ${row.notifierId}`,
        `the SMTP password of notifier ${row.notifierId} cannot be decrypted`,
      );
      return;
    }

    try {
      await this.mailer.send(notifier, {
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: `<notification-${row.id}.${row.createdAt.getTime()}@vigil>`,
      });
    } catch (err) {
      await this.failed(row, notifier.name, (err as Error).message);
      return;
    }
    const sentAt = new Date();
    await this.settle(id, { state: 'sent', sentAt });
    await this.notifiers.recordDelivery(row.notifierId, { sentAt });
    this.probeLog(row, notifier.name, 'sent');
    this.logger.log(
      `Sent ${row.kind} of "${row.targetName}" through notifier ${row.notifierId} (delivery ${id})`,
    );
  }

  /** The attempt in the probe log, next to the probes, as skypunch logged its mails. */
  private probeLog(
    row: NotificationEntity,
    notifier: string,
    outcome: 'sent' | 'failed',
    error?: string,
  ): void {
    this.probing.logEvent({
      event: 'notification',
      notifier,
      target: row.targetName,
      kind: row.kind,
      outcome,
      ...(error === undefined ? {} : { error }),
    });
  }

  private async failed(row: NotificationEntity, notifier: string, reason: string): Promise<void> {
    const error = reason.slice(0, 2000);
    this.probeLog(row, notifier, 'failed', error);
    const now = Date.now();
    const { maxAgeMs, retryBaseMs, retryMaxMs } = this.config.notifications;
    const deadline = row.createdAt.getTime() + maxAgeMs;
    const attempts = row.attempts;
    if (now >= deadline) {
      await this.settle(row.id, { state: 'dead', lastError: error });
      this.logger.error(
        `Delivery ${row.id} (${row.kind} "${row.targetName}") to notifier ${row.notifierId} ` +
          `given up after ${attempts} attempt(s): ${error}`,
      );
    } else {
      const next = Math.min(now + retryDelayMs(attempts, retryBaseMs, retryMaxMs), deadline);
      await this.settle(row.id, {
        state: 'pending',
        lastError: error,
        nextAttemptAt: new Date(next),
      });
      this.logger.warn(
        `Delivery ${row.id} (${row.kind} "${row.targetName}") to notifier ${row.notifierId} ` +
          `failed (attempt ${attempts}), retry at ${new Date(next).toISOString()}: ${error}`,
      );
    }
    await this.notifiers.recordDelivery(row.notifierId, { error });
  }

  /** Ends an attempt: only a row this worker holds in `sending` is changed. */
  private async settle(id: number, changes: Partial<NotificationEntity>): Promise<void> {
    await this.outbox
      .createQueryBuilder()
      .update(NotificationEntity)
      .set(changes)
      .where('id = :id AND state = :state', { id, state: 'sending' })
      .execute();
  }
}
