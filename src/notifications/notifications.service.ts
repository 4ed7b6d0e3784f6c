import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProblemException } from '../common/problem';
import { MetricsService } from '../metrics/metrics.service';
import { urlOrigin } from '../notifiers/notifier-webhook';
import { type NotifierForDelivery, NotifiersService } from '../notifiers/notifiers.service';
import type { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import type { NotificationDto, NotificationListDto } from './dto/notification.dto';
import type { TestMailResultDto } from './dto/test-mail-result.dto';
import { renderTestMail } from './mail-render';
import { NotificationEntity } from './notification.entity';
import { SmtpMailer, SmtpSendError } from './smtp-mailer';
import { renderTestEvent } from './webhook-render';
import { WebhookSender, WebhookSendError } from './webhook-sender';

/** Reading the outbox, and test notifications (which never go through it). */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(NotificationEntity)
    private readonly outbox: Repository<NotificationEntity>,
    private readonly notifiers: NotifiersService,
    private readonly mailer: SmtpMailer,
    private readonly webhooks: WebhookSender,
    metrics: MetricsService,
  ) {
    metrics.readOutbox(() => this.outboxCounts());
  }

  async list(query: ListNotificationsQueryDto): Promise<NotificationListDto> {
    const qb = this.outbox.createQueryBuilder('n');
    if (query.state) qb.andWhere('n.state = :state', { state: query.state });
    if (query.notifierId) qb.andWhere('n.notifierId = :nid', { nid: query.notifierId });
    if (query.targetId) qb.andWhere('n.targetId = :tid', { tid: query.targetId });
    qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC');
    const [rows, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: rows.map((r) => this.toDto(r)), total };
  }

  /**
   * Mails not delivered yet (`pending`, or `sending`: an attempt under way) and mails given up
   * on (`dead`), counted in one query on the state index.
   */
  async outboxCounts(): Promise<{ pending: number; dead: number }> {
    const rows = await this.outbox
      .createQueryBuilder('n')
      .select('n.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .where('n.state IN (:...states)', { states: ['pending', 'sending', 'dead'] })
      .groupBy('n.state')
      .getRawMany<{ state: string; count: number | string }>();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.count ?? 0);
    return { pending: count('pending') + count('sending'), dead: count('dead') };
  }

  /**
   * Sends a test mail, or a test event to a webhook, through a notifier now; 502 with the
   * server's or receiver's error when it fails.
   */
  async sendTest(notifierId: number): Promise<TestMailResultDto> {
    const notifier = await this.notifiers.forTest(notifierId);
    if (notifier.type === 'WEBHOOK') return this.sendTestEvent(notifier);
    if (!notifier.smtp) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `notifier ${notifierId} has no SMTP settings`,
      );
    }
    try {
      const info = await this.mailer.send(notifier, renderTestMail(notifier.name, new Date()));
      return {
        accepted: true,
        acceptedRecipients: info.accepted,
        rejectedRecipients: info.rejected,
        response: info.response,
        messageId: info.messageId,
      };
    } catch (err) {
      const e = err as SmtpSendError;
      throw new ProblemException(
        HttpStatus.BAD_GATEWAY,
        `the SMTP server ${notifier.smtp.host}:${notifier.smtp.port} did not accept the test mail: ${e.message}`,
        {
          title: 'SMTP delivery failed',
          extra: { smtpCode: e.code ?? null, smtpResponseCode: e.responseCode ?? null },
        },
      );
    }
  }

  /** Posts a TEST event to a webhook notifier's receiver; 502 when it does not answer 2xx. */
  private async sendTestEvent(notifier: NotifierForDelivery): Promise<TestMailResultDto> {
    if (!notifier.webhook) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `notifier ${notifier.id} has no webhook settings`,
      );
    }
    const event = renderTestEvent(notifier.name, new Date());
    try {
      const answer = await this.webhooks.send(notifier, event);
      return {
        accepted: true,
        acceptedRecipients: [],
        rejectedRecipients: [],
        response: answer.response,
        messageId: event.id,
      };
    } catch (err) {
      const e = err as WebhookSendError;
      throw new ProblemException(
        HttpStatus.BAD_GATEWAY,
        `the webhook receiver ${urlOrigin(notifier.webhook.url)} did not accept the test event: ${e.message}`,
        { title: 'Webhook delivery failed', extra: { httpStatus: e.httpStatus ?? null } },
      );
    }
  }

  private toDto(n: NotificationEntity): NotificationDto {
    return {
      id: n.id,
      notifierId: n.notifierId,
      targetId: n.targetId,
      targetName: n.targetName,
      kind: n.kind,
      subject: n.subject,
      state: n.state,
      attempts: n.attempts,
      nextAttemptAt: n.state === 'pending' ? n.nextAttemptAt : null,
      lastError: n.lastError,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
    };
  }
}
