import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { NotifierChangedEvent, NotifierEvents } from '../notifiers/notifier-events';
import { NotifiersService } from '../notifiers/notifiers.service';
import { ProbeResultsService } from '../probing/probe-results.service';
import type { TargetStateChangedEvent } from '../probing/state-changed.event';
import { StateChangesService } from '../probing/state-changes.service';
import { renderStateChangeMail } from './mail-render';
import { renderStateChangeEvent } from './webhook-render';
import { NotificationCursorEntity } from './notification-cursor.entity';
import { NotificationEntity } from './notification.entity';
import { SmtpMailer } from './smtp-mailer';

/** Stored changes of state turned into deliveries at a time. */
const CHANGES_PER_ROUND = 100;

/** Rows per INSERT of deliveries. */
const ROWS_PER_INSERT = 100;

/**
 * Writes the outbox from the changes of state the probes store (state_changes): for each change
 * to be notified, one row per enabled notifier of the target. The rows of a round of changes are
 * written in one transaction with the cursor that says how far the changes are read, so each
 * change becomes deliveries exactly once, even when vigil stops half-way or the database is
 * unavailable for a while (the changes wait in their table), and when several instances share
 * the database: the cursor moves only from where the round began, and an instance whose update
 * waited for another's (MySQL re-reads the row it waited for) finds it moved, writes nothing and
 * reads on from there. Drops the pending rows of a notifier that is deleted or disabled.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NotificationEntity)
    private readonly outbox: Repository<NotificationEntity>,
    @InjectRepository(NotificationCursorEntity)
    private readonly cursor: Repository<NotificationCursorEntity>,
    private readonly results: ProbeResultsService,
    private readonly changes: StateChangesService,
    private readonly notifiers: NotifiersService,
    private readonly mailer: SmtpMailer,
  ) {}

  /**
   * Turns the stored changes not yet read into deliveries, one round of at most
   * CHANGES_PER_ROUND; answers how many changes it read (0 when none was waiting).
   */
  async fanOut(): Promise<number> {
    const { lastChangeId } = await this.cursor.findOneByOrFail({ id: 1 });
    const changes = await this.changes.after(lastChangeId, CHANGES_PER_ROUND);
    if (changes.length === 0) return 0;
    const rows: NotificationEntity[] = [];
    const queued: { event: TargetStateChangedEvent; notifierIds: number[] }[] = [];
    for (const { notify, event } of changes) {
      if (!notify) continue;
      const deliveries = await this.deliveriesOf(event);
      rows.push(...deliveries);
      queued.push({ event, notifierIds: deliveries.map((r) => r.notifierId) });
    }
    const upTo = changes[changes.length - 1].id;
    const moved = await this.dataSource.transaction(async (manager) => {
      // moves only from where this round began: another instance that read the same changes
      // meanwhile makes this update change nothing, and this round is rolled back
      const result = await manager
        .createQueryBuilder()
        .update(NotificationCursorEntity)
        .set({ lastChangeId: upTo })
        .where('id = 1 AND last_change_id = :from', { from: lastChangeId })
        .execute();
      if (result.affected !== 1) return false;
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await manager.insert(NotificationEntity, rows.slice(i, i + ROWS_PER_INSERT));
      }
      return true;
    });
    if (!moved) return changes.length;
    for (const { event, notifierIds } of queued) {
      if (notifierIds.length === 0) continue;
      this.logger.log(
        `${event.change.to === 'FAIL' ? 'FAIL' : 'RECOVERED'} of "${event.target.name}": ` +
          `${notifierIds.length} delivery(ies) queued (notifiers ${notifierIds.join(', ')})`,
      );
    }
    return changes.length;
  }

  /**
   * The deliveries of one change: one per enabled notifier of the target with SMTP or webhook
   * settings, each with the mail and the webhook event document.
   */
  private async deliveriesOf(event: TargetStateChangedEvent): Promise<NotificationEntity[]> {
    const { target } = event;
    const notifiers = (await this.notifiers.forDelivery(target.notifierIds)).filter((n) => {
      if (n.smtp || n.webhook) return true;
      this.logger.warn(
        `Notifier ${n.id} ("${n.name}") has no settings to send with: nothing is sent`,
      );
      return false;
    });
    if (notifiers.length === 0) return [];
    const failingSince =
      event.change.to === 'PASS'
        ? await this.results.failingSince(event.target.id, event.result.startedAt)
        : null;
    const mail = renderStateChangeMail(event, failingSince);
    const document = JSON.stringify(renderStateChangeEvent(event, failingSince));
    const now = new Date();
    return notifiers.map((n) =>
      this.outbox.create({
        notifierId: n.id,
        targetId: target.id,
        targetName: target.name,
        kind: mail.kind,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        event: document,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        sentAt: null,
        claimedBy: null,
        claimExpiresAt: null,
      }),
    );
  }

  @OnEvent(NotifierEvents.deleted)
  async onNotifierDeleted(event: NotifierChangedEvent): Promise<void> {
    this.mailer.forget(event.notifierId);
    await this.drop(event.notifierId, `notifier ${event.notifierId} was deleted`);
  }

  @OnEvent(NotifierEvents.disabled)
  async onNotifierDisabled(event: NotifierChangedEvent): Promise<void> {
    await this.drop(event.notifierId, `notifier ${event.notifierId} was disabled`);
  }

  @OnEvent(NotifierEvents.updated)
  async onNotifierUpdated(event: NotifierChangedEvent): Promise<void> {
    this.mailer.forget(event.notifierId);
    if (event.notifier && !event.notifier.enabled) {
      await this.drop(event.notifierId, `notifier ${event.notifierId} was disabled`);
    }
  }

  /** Marks the pending deliveries of a notifier dropped, with the reason. */
  private async drop(notifierId: number, reason: string): Promise<void> {
    try {
      const result = await this.outbox.update(
        { notifierId, state: 'pending' },
        { state: 'dropped', lastError: reason },
      );
      if (result.affected) {
        this.logger.warn(`${result.affected} pending delivery(ies) dropped: ${reason}`);
      }
    } catch (err) {
      this.logger.error(`Cannot drop the deliveries of notifier ${notifierId}: ${String(err)}`);
    }
  }
}
