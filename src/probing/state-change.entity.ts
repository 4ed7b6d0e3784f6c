import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TargetStatus } from '../targets/target-state-reader';

/**
 * A change of a target's status (NEW→FAIL, PASS→FAIL, FAIL→PASS), written in the same
 * transaction as the probe that caused it, so that no change is lost between the probe and its
 * notifications: the Notifications module reads the changes in id order and mails them. No
 * foreign key: the history outlives its target.
 */
@Entity({ name: 'state_changes' })
@Index('IDX_state_changes_target', ['targetId', 'changedAt'])
export class StateChangeEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'target_id', type: 'int' })
  targetId!: number;

  @Column({ name: 'from_status', type: 'varchar', length: 4 })
  fromStatus!: TargetStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 4 })
  toStatus!: 'PASS' | 'FAIL';

  /** When the probe that caused it started. */
  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt!: Date;

  /** Whether notifiers are told (a probe-now without `notify` changes the state silently). */
  @Column({ type: 'boolean' })
  notify!: boolean;

  /** The target, its new state and the probe result, as JSON without any secret. */
  @Column({ type: 'text' })
  details!: string;
}
