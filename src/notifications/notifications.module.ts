import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailerModule } from '@nestjs-modules/mailer';
import { NotifiersModule } from '../notifiers/notifiers.module';
import { ProbingModule } from '../probing/probing.module';
import { NotificationCursorEntity } from './notification-cursor.entity';
import { DeliveryWorker } from './delivery.worker';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxService } from './outbox.service';
import { SmtpMailer } from './smtp-mailer';
import { WebhookSender } from './webhook-sender';

/**
 * Failure and recovery notifications: reads the changes of state that probing stores, writes a
 * durable outbox (one row per notifier) and delivers it with retries, by the notifier's type:
 * mail through @nestjs-modules/mailer (one nodemailer SMTP transporter per notifier), or a
 * webhook post through undici (WebhookSender). Also the test notification of
 * `POST /api/v1/notifiers/{id}/test`. Exports NotificationsService (the outbox counts for health).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEntity, NotificationCursorEntity]),
    // no default transport: each notifier gets its own named transporter (SmtpMailer)
    MailerModule.forRoot({ transports: {} }),
    NotifiersModule,
    ProbingModule,
  ],
  controllers: [NotificationsController],
  providers: [OutboxService, DeliveryWorker, NotificationsService, SmtpMailer, WebhookSender],
  exports: [NotificationsService],
})
export class NotificationsModule {}
