import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who probes the targets of one shard, until when. `epoch` grows with each new owner: a write of
 * probing state names the epoch it was made under, so that a former owner's write is refused.
 */
@Entity({ name: 'shard_leases' })
export class ShardLeaseEntity {
  @PrimaryColumn({ type: 'int' })
  shard!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  owner!: string | null;

  @Column({ type: 'int' })
  epoch!: number;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;
}
