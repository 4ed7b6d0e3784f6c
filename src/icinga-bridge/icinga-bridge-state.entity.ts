import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TargetEntity } from '../targets/target.entity';

/**
 * The last passive check result submitted to Icinga for a bridged target, one row per target,
 * written only by the Icinga bridge. The row goes with its target (ON DELETE CASCADE).
 */
@Entity({ name: 'icinga_bridge_states' })
export class IcingaBridgeStateEntity {
  @PrimaryColumn({ name: 'target_id', type: 'int' })
  targetId!: number;

  @OneToOne(() => TargetEntity, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'FK_icinga_bridge_states_target' })
  target?: TargetEntity;

  /** When a result was last tried, whether it went through or not. */
  @Column({ name: 'last_attempt_at', type: 'datetime', precision: 3 })
  lastAttemptAt!: Date;

  /** When a result last went through; null when none has. */
  @Column({ name: 'last_submitted_at', type: 'datetime', precision: 3, nullable: true })
  lastSubmittedAt!: Date | null;

  /** Why the last try failed (Icinga's message for an unknown object); null when it went through. */
  @Column({ name: 'last_error', type: 'varchar', length: 1024, nullable: true })
  lastError!: string | null;
}
