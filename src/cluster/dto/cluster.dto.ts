/** A running vigil instance on the database. */
export class ClusterInstanceDto {
  /** The instance's id, new at each start. */
  id!: string;
  /** The host it runs on. */
  host!: string;
  /** Its process id on that host. */
  pid!: number;
  /** The vigil version it runs. */
  version!: string;
  startedAt!: Date;
  /** Its last heartbeat; an instance whose heartbeat is older than the lease is gone. */
  heartbeatAt!: Date;
  /** Shards of the 256 whose leases it holds (a target's shard is its id modulo 256). */
  shards!: number;
  /** Targets it probes, as of its last heartbeat. */
  targets!: number;
  /** Probes it started per second between its last two heartbeats. */
  probesPerSecond!: number;
}

export class ClusterDto {
  /**
   * Whether the instances lease shards through the database (MySQL/MariaDB with
   * VIGIL_CLUSTER=auto); when not, this instance alone is listed.
   */
  enabled!: boolean;
  /** How long a lease and a heartbeat last without being renewed (VIGIL_CLUSTER_LEASE_SECONDS). */
  leaseSeconds!: number;
  instances!: ClusterInstanceDto[];
}
