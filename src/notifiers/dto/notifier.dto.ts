import { ApiProperty } from '@nestjs/swagger';
import { NOTIFIER_TYPES, type NotifierType, type SmtpSecurity } from '../notifier.entity';

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

/** A notifier with its delivery statistics. */
export class NotifierDto {
  id!: number;
  name!: string;
  /** How notifications are sent. */
  @ApiProperty({ enum: NOTIFIER_TYPES })
  type!: NotifierType;
  /** The recipients. */
  address!: string[];
  /** Mail server settings (type SMTP). */
  smtp?: SmtpSettingsViewDto;
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
