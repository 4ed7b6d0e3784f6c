import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TargetEntity } from '../targets/target.entity';
import type { TargetStatus } from '../targets/target-state-reader';

/**
 * A target's state and counters, one row per target, written only by the probing engine (the
 * probe recorder, and the take-over of another monitor's state). The row goes with its target
 * (ON DELETE CASCADE).
 */
@Entity({ name: 'target_states' })
export class TargetStateEntity {
  @PrimaryColumn({ name: 'target_id', type: 'int' })
  targetId!: number;

  @OneToOne(() => TargetEntity, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'FK_target_states_target' })
  target?: TargetEntity;

  @Column({ type: 'varchar', length: 8 })
  status!: TargetStatus;

  @Column({ name: 'status_description', type: 'varchar', length: 1024, nullable: true })
  statusDescription!: string | null;

  @Column({ name: 'previous_status', type: 'varchar', length: 8, nullable: true })
  previousStatus!: TargetStatus | null;

  /** When the status last changed (or the target was created); set by the code, never by a default. */
  @Column({ name: 'last_updated', type: 'datetime', precision: 3 })
  lastUpdated!: Date;

  @Column({ name: 'last_probe_at', type: 'datetime', precision: 3, nullable: true })
  lastProbeAt!: Date | null;

  @Column({ name: 'last_response_time_ms', type: 'int', nullable: true })
  lastResponseTimeMs!: number | null;

  @Column({ name: 'pass_count', type: 'int' })
  passCount!: number;

  @Column({ name: 'fail_count', type: 'int' })
  failCount!: number;

  @Column({ name: 'status_2xx_count', type: 'int' })
  status2xxCount!: number;

  @Column({ name: 'status_3xx_count', type: 'int' })
  status3xxCount!: number;

  @Column({ name: 'status_4xx_count', type: 'int' })
  status4xxCount!: number;

  @Column({ name: 'status_5xx_count', type: 'int' })
  status5xxCount!: number;

  @Column({ name: 'network_fail_count', type: 'int' })
  networkFailCount!: number;

  /** Consecutive failures up to the last probe (0 after a pass). */
  @Column({ name: 'repeated_fail_count', type: 'int' })
  repeatedFailCount!: number;

  /** Consecutive passes up to the last probe (0 after a failure); for the recovery threshold. */
  @Column({ name: 'repeated_pass_count', type: 'int' })
  repeatedPassCount!: number;
}
