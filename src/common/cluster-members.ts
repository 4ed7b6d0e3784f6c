/**
 * What the rest of vigil needs to know of the instances sharing its database: who this instance
 * is (outbox claims name it) and how many instances are alive (they share each site's livestatus
 * connections). The cluster's membership (ClusterService) provides it; alone, vigil is the one
 * live member.
 */
export interface ClusterMembers {
  /** This instance's id, unique among the instances sharing the database (at most 128 characters). */
  readonly instanceId: string;
  /** Live instances sharing the database, this one included (at least 1). */
  liveMembers(): number;
}

/** Nest token of the ClusterMembers. */
export const CLUSTER_MEMBERS = Symbol('ClusterMembers');
