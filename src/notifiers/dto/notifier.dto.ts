import { ApiProperty } from '@nestjs/swagger';
import {
  NOTIFIER_TYPES,
  type NotifierType,
  type SmtpSecurity,
  WEBHOOK_FORMATS,
  type WebhookFormat,
} from '../notifier.entity';

/** Mail server settings as stored; the password is never answered. */
export class SmtpSettingsViewDto {
  host!: string;
  port!: number;
  security!: SmtpSecurity;
  /** Absent when the server needs no login. */
  username?: string;
  /** Whether a password is stored (it is write-only). */
  hasPassword!: boolean;
  from!: string;
}

/** Webhook settings as stored; the URL and the header values are never answered. */
export class WebhookSettingsViewDto {
  /**
   * Scheme, host and port of the URL (`https://hooks.slack.com`): enough to tell receivers
   * apart; its path and query, which usually carry the token, are write-only.
   */
  origin!: string;
  /** The names of the extra request headers (their values are write-only). */
  headerNames!: string[];
  @ApiProperty({ enum: WEBHOOK_FORMATS })
  format!: WebhookFormat;
}

/** A notifier with its delivery statistics. */
export class NotifierDto {
  id!: number;
  name!: string;
  /** How notifications are sent. */
  @ApiProperty({ enum: NOTIFIER_TYPES })
  type!: NotifierType;
  /** The recipients (type SMTP; empty for a webhook). */
  address!: string[];
  /** Mail server settings (type SMTP). */
  smtp?: SmtpSettingsViewDto;
  /** Webhook settings (type WEBHOOK). */
  webhook?: WebhookSettingsViewDto;
  enabled!: boolean;
  /** Notifications delivered. */
  sentCount!: number;
  /** Deliveries that failed (each attempt). */
  failedCount!: number;
  /** Why the last failed delivery failed; null when none failed yet. */
  lastError!: string | null;
  /** When a notification was last delivered. */
  lastSentAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class NotifierListDto {
  /** The notifiers of this page. */
  items!: NotifierDto[];
  /** How many notifiers match the filters in all. */
  total!: number;
}
