/** Targets fall into this many shards by id; instances lease shards, not targets. */
export const SHARDS = 256;

/** The shard of a target. */
export function shardOf(targetId: number): number {
  return targetId % SHARDS;
}

/** The most shards one of `members` live instances holds. */
export function fairShare(members: number): number {
  return Math.ceil(SHARDS / Math.max(1, members));
}

/** What one instance does in a round of balancing: give up shards, or take free ones. */
export interface Rebalance {
  giveUp: number;
  take: number;
}

/**
 * One round of balancing for an instance owning `owned` shards among `probers` live instances
 * that probe: it gives up what is beyond its fair share, or takes free shards up to it.
 */
export function rebalance(owned: number, probers: number): Rebalance {
  const share = fairShare(probers);
  return owned > share ? { giveUp: owned - share, take: 0 } : { giveUp: 0, take: share - owned };
}

/** Every shard, in order. */
export function allShards(): number[] {
  return Array.from({ length: SHARDS }, (_, shard) => shard);
}
