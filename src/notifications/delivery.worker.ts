import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { AppConfig } from '../app.config';
import { MetricsService } from '../metrics/metrics.service';
import { CLUSTER_MEMBERS, type ClusterMembers } from '../common/cluster-members';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { type NotifierForDelivery, NotifiersService } from '../notifiers/notifiers.service';
import { TARGET_STATE_CHANGED } from '../probing/state-changed.event';
import { NotificationEntity } from './notification.entity';
import { ProbingService } from '../probing/probing.service';
import { OutboxService } from './outbox.service';
import { SmtpMailer } from './smtp-mailer';
import { fallbackEvent, type StoredWebhookEvent } from './webhook-render';
import { WebhookSender } from './webhook-sender';

/** Due deliveries taken per tick; the rest wait for the next one. */
const BATCH = 100;

/** Rounds of stored changes turned into deliveries per tick; the rest wait for the next one. */
const FAN_OUT_ROUNDS = 20;

/** The shortest claim on a delivery; longer when SMTP conversations may take longer. */
const MIN_CLAIM_MS = 60_000;

/** How long a claim on a delivery holds: three SMTP timeouts, at least a minute. */
export function claimMs(smtpTimeoutMs: number): number {
  return Math.max(MIN_CLAIM_MS, 3 * smtpTimeoutMs);
}

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
 * mails of one target arrive in the order its state changed, also after an SMTP outage.
 *
 * Several instances may share the outbox (MySQL/MariaDB): a due row is claimed before it is
 * sent, in a short transaction that locks it (`FOR UPDATE SKIP LOCKED`, so that instances
 * polling at the same moment take different rows and none waits for another) and sets it
 * `sending` with this instance's id and a claim expiry (claimMs). Only the claimer settles the
 * attempt: `sent`, or `pending` again with its next attempt after an exponential backoff, or
 * `dead` once it is older than the maximum age. A row left `sending` by an instance that died
 * is claimed again once its claim expires. On start, rows this instance left in `sending` (on
 * SQLite, where the one process holding the file sends: every such row, left by a stop) go back
 * to `pending`; on shutdown, sends under way are waited for. A second process on a SQLite file
 * sends nothing (ClusterMembers.sendsOutbox): the rows it writes are sent by the holder's poll.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private closing = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly claimMs: number;
  private readonly shared: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NotificationEntity)
    private readonly outbox: Repository<NotificationEntity>,
    @Inject(CLUSTER_MEMBERS) private readonly members: ClusterMembers,
    private readonly notifiers: NotifiersService,
    private readonly mailer: SmtpMailer,
    private readonly config: AppConfig,
    private readonly outboxWriter: OutboxService,
    private readonly probing: ProbingService,
    private readonly jobs: ScheduledJobs,
    private readonly webhooks: WebhookSender,
    private readonly metrics: MetricsService,
  ) {
    const { smtpTimeoutMs, webhookTimeoutMs } = config.notifications;
    this.claimMs = claimMs(Math.max(smtpTimeoutMs, webhookTimeoutMs));
    // SQLite is one process per database file; MySQL/MariaDB may be shared by several
    this.shared = dataSource.options.type !== 'better-sqlite3';
  }

  /** A change of state is stored: its deliveries are written and sent now. */
  @OnEvent(TARGET_STATE_CHANGED)
  onStateChanged(): void {
    this.kick();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.members.sendsOutbox()) return;
    const resumed = await this.outbox.update(
      this.shared ? { state: 'sending', claimedBy: this.members.instanceId } : { state: 'sending' },
      { state: 'pending', nextAttemptAt: new Date(), claimExpiresAt: null },
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
    if (this.closing || due.length === 0) return;
    for (const id of await this.claim(due)) {
      // claimed again by this instance after its claim expired: the attempt is still under way
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
   * The due deliveries, oldest first: pending ones whose attempt is due, and ones whose claim
   * expired (the instance sending them died). A row waits while an older row of its target and
   * notifier is still pending or being sent, so that a newer state is never mailed before an
   * older one; settled rows stay settled, so a row found due here stays the oldest one unsettled.
   */
  private async dueIds(): Promise<number[]> {
    const rows = await this.whereDue(this.outbox.createQueryBuilder('n'), new Date())
      .select('n.id', 'id')
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

  /** Rows of `n` that are due at `now`: pending and due, or sending with an expired claim. */
  private whereDue(
    qb: SelectQueryBuilder<NotificationEntity>,
    now: Date,
  ): SelectQueryBuilder<NotificationEntity> {
    return qb.where(
      new Brackets((due) =>
        due
          .where('n.state = :pending AND n.nextAttemptAt <= :now', { pending: 'pending', now })
          .orWhere('n.state = :sending AND n.claimExpiresAt <= :now', { sending: 'sending' }),
      ),
    );
  }

  /**
   * Claims those of `ids` that are still due and that no other instance is claiming: locked
   * (skipping rows another transaction holds), then set `sending` by this instance with the
   * claim's expiry and the attempt counted. Answers the ids claimed.
   */
  private async claim(ids: number[]): Promise<number[]> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const now = new Date();
      const locked = this.whereDue(manager.createQueryBuilder(NotificationEntity, 'n'), now)
        .select('n.id', 'id')
        .andWhere('n.id IN (:...ids)', { ids });
      if (this.shared) locked.setLock('pessimistic_write').setOnLocked('skip_locked');
      const claimed = (await locked.getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
      if (claimed.length === 0) return [];
      await manager
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({
          state: 'sending',
          attempts: () => 'attempts + 1',
          claimedBy: this.members.instanceId,
          claimExpiresAt: new Date(now.getTime() + this.claimMs),
        })
        .where('id IN (:...claimed)', { claimed })
        .execute();
      return claimed;
    });
  }

  /** One attempt at one delivery this instance claimed. */
  private async deliver(id: number): Promise<void> {
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
        `the secrets of notifier ${row.notifierId} cannot be decrypted`,
      );
      return;
    }

    try {
      await this.send(notifier, row);
    } catch (err) {
      await this.failed(row, notifier.name, (err as Error).message);
      return;
    }
    const sentAt = new Date();
    await this.settle(id, { state: 'sent', sentAt });
    this.metrics.delivered('sent');
    await this.notifiers.recordDelivery(row.notifierId, { sentAt });
    this.probeLog(row, notifier.name, 'sent');
    this.logger.log(
      `Sent ${row.kind} of "${row.targetName}" through notifier ${row.notifierId} (delivery ${id})`,
    );
  }

  /**
   * One attempt through the notifier's channel: a mail, or a webhook post. The delivery's id is
   * the same on every attempt (Message-ID, or the event's `id`), so a receiver can tell a repeat.
   */
  private async send(notifier: NotifierForDelivery, row: NotificationEntity): Promise<void> {
    const deliveryId = `notification-${row.id}.${row.createdAt.getTime()}`;
    if (notifier.type === 'WEBHOOK') {
      const event = row.event ? (JSON.parse(row.event) as StoredWebhookEvent) : fallbackEvent(row);
      await this.webhooks.send(notifier, { id: deliveryId, ...event });
      return;
    }
    await this.mailer.send(notifier, {
      subject: row.subject,
      text: row.text,
      html: row.html,
      messageId: `<${deliveryId}@vigil>`,
    });
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
      this.metrics.delivered('dead');
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
      this.metrics.delivered('failed');
      this.logger.warn(
        `Delivery ${row.id} (${row.kind} "${row.targetName}") to notifier ${row.notifierId} ` +
          `failed (attempt ${attempts}), retry at ${new Date(next).toISOString()}: ${error}`,
      );
    }
    await this.notifiers.recordDelivery(row.notifierId, { error });
  }

  /** Ends an attempt: only a row this instance holds in `sending` is changed. */
  private async settle(id: number, changes: Partial<NotificationEntity>): Promise<void> {
    await this.outbox
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ ...changes, claimExpiresAt: null })
      .where('id = :id AND state = :state AND claimed_by = :me', {
        id,
        state: 'sending',
        me: this.members.instanceId,
      })
      .execute();
  }
}
