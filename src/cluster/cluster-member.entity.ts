import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A running vigil instance on this database; gone once its heartbeat is older than the lease. */
@Entity({ name: 'cluster_members' })
export class ClusterMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ type: 'int' })
  pid!: number;

  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'heartbeat_at', type: 'datetime', precision: 3 })
  heartbeatAt!: Date;

  /** Targets the instance probes, as of its last heartbeat. */
  @Column({ type: 'int', default: 0 })
  targets!: number;

  /** Whether it probes, and so takes its share of the shards. */
  @Column({ type: 'boolean', default: false })
  probing!: boolean;

  /** Probes it started per second between its last two heartbeats. */
  @Column({ name: 'probes_per_second', type: 'double', default: 0 })
  probesPerSecond!: number;
}
