import { ApiProperty } from '@nestjs/swagger';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATES,
  type NotificationKind,
  type NotificationState,
} from '../notification.entity';

/** One delivery of the outbox: a notification for one notifier. */
export class NotificationDto {
  id!: number;
  /** The notifier it goes to (it may have been deleted since). */
  notifierId!: number;
  targetId!: number;
  /** The target's name when the notification was written. */
  targetName!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;
  subject!: string;
  /** pending, sending (an attempt is under way), sent, dead (given up) or dropped. */
  @ApiProperty({ enum: NOTIFICATION_STATES })
  state!: NotificationState;
  /** Attempts made so far. */
  attempts!: number;
  /** When the next attempt is due; null unless pending. */
  nextAttemptAt!: Date | null;
  /** Why the last attempt failed, or why the delivery was dropped. */
  lastError!: string | null;
  createdAt!: Date;
  /** When the SMTP server or the webhook receiver accepted it. */
  sentAt!: Date | null;
}

export class NotificationListDto {
  /** The deliveries of this page, newest first. */
  items!: NotificationDto[];
  /** How many deliveries match the filters in all. */
  total!: number;
}
