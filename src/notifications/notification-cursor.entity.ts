import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far the notifications have read the stored changes of state: one row (id 1), moved in the
 * same transaction as the deliveries written for the changes up to it, so that each change is
 * turned into deliveries once.
 */
@Entity({ name: 'notification_cursor' })
export class NotificationCursorEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  /** The last change (state_changes.id) whose deliveries are written. */
  @Column({ name: 'last_change_id', type: 'int' })
  lastChangeId!: number;
}
