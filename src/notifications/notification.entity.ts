import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = ['FAIL', 'RECOVERED'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * `pending`: waiting for its (next) attempt; `sending`: claimed by an instance's worker until
 * `claim_expires_at`, an attempt is under way; `sent`: the SMTP server or webhook receiver accepted it; `dead`: still failing after the maximum age;
 * `dropped`: its notifier was deleted or disabled before it could be sent.
 */
export const NOTIFICATION_STATES = ['pending', 'sending', 'sent', 'dead', 'dropped'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * The outbox: one row per notification and notifier, written before anything is sent, so that
 * an SMTP outage or a restart loses nothing. No foreign keys: the history outlives its target
 * and notifier.
 */
@Entity({ name: 'notifications' })
@Index('IDX_notifications_state_due', ['state', 'nextAttemptAt'])
@Index('IDX_notifications_created', ['createdAt'])
@Index('IDX_notifications_notifier_state', ['notifierId', 'state'])
@Index('IDX_notifications_target_notifier', ['targetId', 'notifierId', 'state'])
export class NotificationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'notifier_id', type: 'int' })
  notifierId!: number;

  @Column({ name: 'target_id', type: 'int' })
  targetId!: number;

  @Column({ name: 'target_name', type: 'varchar', length: 128 })
  targetName!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 400 })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  html!: string;

  /**
   * The change as a webhook tells it (webhook-event.ts), a JSON object without the delivery id;
   * null on rows written before webhooks existed.
   */
  @Column({ type: 'text', nullable: true })
  event!: string | null;

  @Column({ type: 'varchar', length: 16 })
  state!: NotificationState;

  /** Attempts made so far (claimed sends). */
  @Column({ type: 'int' })
  attempts!: number;

  /** When the next attempt is due (pending rows). */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  /** Why the last attempt failed, or why the delivery was dropped. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Set by the code when the row is written (never a column default). */
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  /** The instance that claimed the row for its last attempt; only it settles that attempt. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 128, nullable: true })
  claimedBy!: string | null;

  /** Until when the claim holds: a row still `sending` after that is claimed again. */
  @Column({ name: 'claim_expires_at', type: 'datetime', precision: 3, nullable: true })
  claimExpiresAt!: Date | null;
}
