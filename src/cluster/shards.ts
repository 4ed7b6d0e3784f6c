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

/** Every shard, in order. */
export function allShards(): number[] {
  return Array.from({ length: SHARDS }, (_, shard) => shard);
}
