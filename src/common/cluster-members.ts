/**
 * What the rest of vigil needs to know of the instances sharing its database: who this instance
 * is (outbox claims name it), how many instances are alive (they share each site's livestatus
 * connections) and whether this one sends the outbox. The cluster's membership (ClusterService) provides it; alone, vigil is the one
 * live member.
 */
export interface ClusterMembers {
  /** This instance's id, unique among the instances sharing the database (at most 128 characters). */
  readonly instanceId: string;
  /** Live instances sharing the database, this one included (at least 1). */
  liveMembers(): number;
  /**
   * Whether this instance sends the outbox: every instance on MySQL/MariaDB (claims share the
   * rows out), and on SQLite the one process that holds the database file; not a second process
   * on that file, which serves the API only.
   */
  sendsOutbox(): boolean;
}

/** Nest token of the ClusterMembers. */
export const CLUSTER_MEMBERS = Symbol('ClusterMembers');
