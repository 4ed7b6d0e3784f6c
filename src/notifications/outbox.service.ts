import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThan, MoreThan, Repository } from 'typeorm';
import { NotifierChangedEvent, NotifierEvents } from '../notifiers/notifier-events';
import { NotifiersService } from '../notifiers/notifiers.service';
import { ProbeResultEntity } from '../probing/probe-result.entity';
import { isPublished } from '../probing/state';
import { TARGET_STATE_CHANGED, TargetStateChangedEvent } from '../probing/state-changed.event';
import { DeliveryWorker } from './delivery.worker';
import { renderStateChangeMail } from './mail-render';
import { NotificationEntity } from './notification.entity';
import { SmtpMailer } from './smtp-mailer';

/**
 * Writes the outbox: on a change of a target's state to FAIL (also from NEW) or from FAIL back
 * to PASS, one row per enabled notifier of the target, in one transaction, then wakes the
 * delivery worker. Drops the pending rows of a notifier that is deleted or disabled.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NotificationEntity)
    private readonly outbox: Repository<NotificationEntity>,
    @InjectRepository(ProbeResultEntity)
    private readonly results: Repository<ProbeResultEntity>,
    private readonly notifiers: NotifiersService,
    private readonly worker: DeliveryWorker,
    private readonly mailer: SmtpMailer,
  ) {}

  @OnEvent(TARGET_STATE_CHANGED)
  async onStateChanged(event: TargetStateChangedEvent): Promise<void> {
    try {
      await this.enqueue(event);
    } catch (err) {
      this.logger.error(
        `Cannot write the notifications of target ${event.target.id} ("${event.target.name}"): ` +
          `${(err as Error).stack ?? String(err)}`,
      );
    }
  }

  /** Writes the deliveries for one change of state; answers their ids (none for NEW → PASS). */
  async enqueue(event: TargetStateChangedEvent): Promise<number[]> {
    const { target, change } = event;
    if (!isPublished(change)) return [];
    const notifiers = (await this.notifiers.forDelivery(target.notifierIds)).filter((n) => {
      if (n.smtp) return true;
      this.logger.warn(`Notifier ${n.id} ("${n.name}") has no SMTP settings: nothing is sent`);
      return false;
    });
    if (notifiers.length === 0) return [];
    const failingSince = change.to === 'PASS' ? await this.failingSince(event) : null;
    const mail = renderStateChangeMail(event, failingSince);
    const now = new Date();
    const ids = await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(NotificationEntity);
      const saved: number[] = [];
      for (const n of notifiers) {
        const row = await repo.save(
          repo.create({
            notifierId: n.id,
            targetId: target.id,
            targetName: target.name,
            kind: mail.kind,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            createdAt: now,
            sentAt: null,
          }),
        );
        saved.push(row.id);
      }
      return saved;
    });
    this.logger.log(
      `${mail.kind} of "${target.name}": ${ids.length} delivery(ies) queued (notifiers ${notifiers
        .map((n) => n.id)
        .join(', ')})`,
    );
    this.worker.kick();
    return ids;
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

  /**
   * When the failure that this recovery ends began: the first failed probe after the last
   * passing probe before the latest failure. Null when the history no longer tells.
   */
  private async failingSince(event: TargetStateChangedEvent): Promise<Date | null> {
    const targetId = event.target.id;
    const lastFail = await this.results.findOne({
      where: { targetId, status: 'FAIL', probedAt: LessThan(event.result.startedAt) },
      order: { probedAt: 'DESC', id: 'DESC' },
    });
    if (!lastFail) return null;
    const passBefore = await this.results.findOne({
      where: { targetId, status: 'PASS', probedAt: LessThan(lastFail.probedAt) },
      order: { probedAt: 'DESC', id: 'DESC' },
    });
    const firstFail = await this.results.findOne({
      where: {
        targetId,
        status: 'FAIL',
        ...(passBefore ? { probedAt: MoreThan(passBefore.probedAt) } : {}),
      },
      order: { probedAt: 'ASC', id: 'ASC' },
    });
    return firstFail?.probedAt ?? lastFail.probedAt;
  }
}
