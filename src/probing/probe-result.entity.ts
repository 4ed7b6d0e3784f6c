import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TargetEntity } from '../targets/target.entity';

/** One probe of a target, kept for the result history and uptime until the retention job prunes it. */
@Entity({ name: 'probe_results' })
@Index('IDX_probe_results_target_time', ['targetId', 'probedAt'])
@Index('IDX_probe_results_time', ['probedAt'])
export class ProbeResultEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'target_id', type: 'int' })
  targetId!: number;

  @ManyToOne(() => TargetEntity, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'target_id' })
  target?: TargetEntity;

  /** When the probe started. */
  @Column({ name: 'probed_at', type: 'datetime', precision: 3 })
  probedAt!: Date;

  @Column({ type: 'varchar', length: 4 })
  status!: 'PASS' | 'FAIL';

  /** The HTTP status of the answer; null when there was none. */
  @Column({ name: 'http_status', type: 'int', nullable: true })
  httpStatus!: number | null;

  @Column({ name: 'response_time_ms', type: 'int' })
  responseTimeMs!: number;

  @Column({ type: 'varchar', length: 1024 })
  description!: string;

  /** Redirects followed to the answer. */
  @Column({ type: 'int', default: 0 })
  redirects!: number;

  /** The URL of the answer when redirects were followed; null otherwise. */
  @Column({ name: 'final_url', type: 'varchar', length: 2048, nullable: true })
  finalUrl!: string | null;

  /** When the certificate of an HTTPS answer expires; null for HTTP or no answer. */
  @Column({ name: 'certificate_expires_at', type: 'datetime', nullable: true })
  certificateExpiresAt!: Date | null;
}
