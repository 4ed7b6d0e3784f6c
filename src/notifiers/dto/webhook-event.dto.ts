import { ApiProperty } from '@nestjs/swagger';
import { EXPECTED_STATUS_SCHEMA, type ExpectedStatus } from '../../common/expected-status';

export const WEBHOOK_EVENTS = ['FAIL', 'RECOVERED', 'TEST'] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENTS)[number];

/** The target of a webhook event, without any secret (no credentials, headers or body). */
export class WebhookEventTargetDto {
  id!: number;
  name!: string;
  /** The URL probed, any user name and password in it left out. */
  url!: string;
  method!: string;
  /** NONE, BASIC or OPENSTACK: the kind of auth only, never its credentials. */
  authType!: string;
  /** A code, a class (`"2xx"`) or a list of them, as the targets API answers it. */
  @ApiProperty(EXPECTED_STATUS_SCHEMA)
  expectedStatus!: ExpectedStatus;
  frequencySeconds!: number;
  timeoutSeconds!: number;
}

/** The probe that changed the target's state. */
export class WebhookEventResultDto {
  @ApiProperty({ enum: ['PASS', 'FAIL'] })
  status!: 'PASS' | 'FAIL';
  /** The status before this probe: NEW, PASS or FAIL. */
  @ApiProperty({ enum: ['NEW', 'PASS', 'FAIL'] })
  previousStatus!: string;
  /** Why the probe passed or failed, e.g. `target status:500 != 200`. */
  description!: string;
  /** The HTTP status of the target's answer; null when there was none (network failure). */
  @ApiProperty({ type: 'integer', nullable: true })
  httpStatus!: number | null;
  responseTimeMs!: number;
  /** When the probe ran. */
  @ApiProperty({ format: 'date-time' })
  startedAt!: string;
}

/** The target's counters after the probe. */
export class WebhookEventCountersDto {
  passCount!: number;
  failCount!: number;
  /** Consecutive failed probes. */
  repeatedFailCount!: number;
  status2xxCount!: number;
  status3xxCount!: number;
  status4xxCount!: number;
  status5xxCount!: number;
  networkFailCount!: number;
}

/**
 * What a webhook notifier of format `json` posts (`Content-Type: application/json`) when a
 * target fails (`FAIL`, also straight from NEW) or recovers (`RECOVERED`), and for
 * `POST /api/v1/notifiers/{id}/test` (`TEST`, without target, result and counters). Fields may be
 * added; receivers should ignore the ones they do not know.
 */
export class WebhookEventDto {
  /**
   * Identifies the notification, the same on every attempt (`notification-<id>.<ms>`), so a
   * receiver can tell a repeated delivery from a new event; it is also sent as the
   * `X-Vigil-Event-Id` header in every format.
   */
  id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS })
  event!: WebhookEventKind;
  /** One line for people, e.g. `Target "shop" is failing: target status:500 != 200`. */
  summary!: string;
  /** When the probe that changed the state ran; for a test, when it was sent. */
  @ApiProperty({ format: 'date-time' })
  time!: string;
  /** Absent on a test. */
  target?: WebhookEventTargetDto;
  /** Absent on a test. */
  result?: WebhookEventResultDto;
  /** Absent on a test. */
  counters?: WebhookEventCountersDto;
  /** On a recovery: when the failure began, when known. */
  @ApiProperty({ format: 'date-time', required: false, nullable: true })
  failingSince?: string | null;
}
