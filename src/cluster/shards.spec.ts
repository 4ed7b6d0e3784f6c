import { allShards, fairShare, rebalance, SHARDS } from './shards';

/** Instances balancing the shards round by round, as ClusterService does through the database. */
class Simulation {
  readonly free = new Set(allShards());
  readonly members = new Map<string, Set<number>>();

  join(name: string): void {
    this.members.set(name, new Set());
  }

  /** Stops at once, its shards released (a shutdown), or freed by its leases expiring. */
  leave(name: string): void {
    for (const shard of this.members.get(name) ?? []) this.free.add(shard);
    this.members.delete(name);
  }

  /** One round of every live instance, in the order given (all of them by default). */
  round(order = [...this.members.keys()]): void {
    const probers = this.members.size;
    for (const name of order) {
      const owned = this.members.get(name)!;
      const { giveUp, take } = rebalance(owned.size, probers);
      for (const shard of [...owned].slice(0, giveUp)) {
        owned.delete(shard);
        this.free.add(shard);
      }
      for (const shard of [...this.free].slice(0, take)) {
        this.free.delete(shard);
        owned.add(shard);
      }
    }
  }

  sizes(): number[] {
    return [...this.members.values()].map((owned) => owned.size);
  }

  /** Whether every shard has exactly one owner. */
  covered(): boolean {
    const owners = new Map<number, number>();
    for (const owned of this.members.values()) {
      for (const shard of owned) owners.set(shard, (owners.get(shard) ?? 0) + 1);
    }
    return (
      this.free.size === 0 && owners.size === SHARDS && [...owners.values()].every((n) => n === 1)
    );
  }
}

describe('fairShare', () => {
  it('is the most shards one of the live instances holds, never less than all of them need', () => {
    expect([1, 2, 3, 4, 5, 7, 255, 256, 300].map(fairShare)).toEqual([
      256, 128, 86, 64, 52, 37, 2, 1, 1,
    ]);
    for (let members = 1; members <= 300; members++) {
      const share = fairShare(members);
      expect(share * members).toBeGreaterThanOrEqual(SHARDS);
      expect((share - 1) * members).toBeLessThan(SHARDS);
    }
  });

  it('counts no instances as one', () => {
    expect(fairShare(0)).toBe(SHARDS);
  });
});

describe('rebalance', () => {
  it('gives up what is beyond the share, and takes up to it otherwise', () => {
    expect(rebalance(0, 1)).toEqual({ giveUp: 0, take: 256 });
    expect(rebalance(256, 2)).toEqual({ giveUp: 128, take: 0 });
    expect(rebalance(128, 3)).toEqual({ giveUp: 42, take: 0 });
    expect(rebalance(86, 3)).toEqual({ giveUp: 0, take: 0 });
    expect(rebalance(84, 3)).toEqual({ giveUp: 0, take: 2 });
    expect(rebalance(86, 2)).toEqual({ giveUp: 0, take: 42 });
  });
});

describe('balancing as instances come and go', () => {
  it('gives a lone instance every shard in one round', () => {
    const sim = new Simulation();
    sim.join('a');
    sim.round();
    expect(sim.sizes()).toEqual([256]);
    expect(sim.covered()).toBe(true);
  });

  it('gives a joining instance its share within two rounds, even when it goes first', () => {
    const sim = new Simulation();
    sim.join('a');
    sim.round();
    sim.join('b');
    // b finds nothing free before a gives its excess up
    sim.round(['b', 'a']);
    expect(sim.sizes()).toEqual([128, 0]);
    sim.round(['b', 'a']);
    expect(sim.sizes()).toEqual([128, 128]);
    expect(sim.covered()).toBe(true);

    sim.join('c');
    sim.round(['c', 'a', 'b']);
    sim.round(['c', 'a', 'b']);
    expect(sim.sizes()).toEqual([86, 86, 84]);
    expect(sim.covered()).toBe(true);
  });

  it('hands the shards of an instance that left to the others in one round', () => {
    const sim = new Simulation();
    for (const name of ['a', 'b', 'c', 'd']) sim.join(name);
    sim.round();
    sim.round();
    expect(sim.sizes()).toEqual([64, 64, 64, 64]);
    sim.leave('b');
    expect(sim.covered()).toBe(false);
    sim.round();
    expect(sim.sizes()).toEqual([86, 86, 84]);
    expect(sim.covered()).toBe(true);
    sim.leave('a');
    sim.leave('d');
    sim.round();
    expect(sim.sizes()).toEqual([256]);
    expect(sim.covered()).toBe(true);
  });

  it('keeps every shard owned once, each instance within its share, from 1 to 9 instances and back', () => {
    const sim = new Simulation();
    const names = Array.from({ length: 9 }, (_, i) => `i${i}`);
    const steady = () => {
      sim.round();
      sim.round();
      expect(sim.covered()).toBe(true);
      const share = fairShare(sim.members.size);
      expect(sim.sizes().every((n) => n <= share)).toBe(true);
    };
    for (const name of names) {
      sim.join(name);
      steady();
    }
    for (const name of names.slice(1)) {
      sim.leave(name);
      steady();
    }
    expect(sim.sizes()).toEqual([256]);
  });
});
