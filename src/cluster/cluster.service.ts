import type { ClusterMembers } from '../common/cluster-members';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { version } from '../../package.json';
import { AppConfig } from '../app.config';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { MetricsService } from '../metrics/metrics.service';
import type { ClusterDto, ClusterInstanceDto } from './dto/cluster.dto';
import { InstanceLock } from './instance-lock';
import { allShards, rebalance, SHARDS, shardOf } from './shards';

/** Shards an instance took or gave up (or lost) at once. */
export interface ShardsChange {
  gained: number[];
  lost: number[];
}

/**
 * Told of shards gained or lost; for shards given up, it may return a promise that settles once
 * their probes made so far are written.
 */
export type ShardsListener = (change: ShardsChange) => Promise<void> | void;

/** What this instance tells the others through its heartbeat. */
export interface InstanceLoad {
  /** Targets it probes now. */
  targets: number;
  /** Probes it started since start-up. */
  probesStarted: number;
}

/** The lease condition a write of probing state is made under (see ProbeRecorder). */
export interface Fence {
  /** This instance's id, the owner the lease must name. */
  owner: string;
  /** A target's shard is its id modulo this. */
  shards: number;
}

export const LEASE_JOB = 'cluster.leases';

interface MemberRow {
  id: string;
  host: string;
  pid: number | string;
  version: string;
  started_at: Date | string;
  heartbeat_at: Date | string;
  targets: number | string;
  probes_per_second: number | string;
  shards: number | string;
}

function dateOf(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

/**
 * Which targets this instance probes. On MySQL/MariaDB (VIGIL_CLUSTER=auto) the live instances
 * lease the targets' 256 shards through the database: each registers in cluster_members with a
 * heartbeat, takes at most its fair share of free or expired shards (`FOR UPDATE SKIP LOCKED`,
 * the epoch growing with each new owner), renews its leases, gives up what is beyond its share,
 * and releases everything when it stops. Otherwise this instance owns every shard, except on a
 * SQLite file that another running process holds (VIGIL_CLUSTER=auto): then it owns none and
 * sends no mail, the holder does both.
 */
@Injectable()
export class ClusterService implements ClusterMembers, OnModuleInit, OnApplicationShutdown {
  readonly instanceId = randomUUID();
  /** Whether this instance leases shards with others (MySQL/MariaDB and VIGIL_CLUSTER=auto). */
  readonly enabled: boolean;
  private readonly logger = new Logger('Cluster');
  /** The shards owned, with the epoch of each lease. */
  private readonly owned = new Map<number, number>();
  private readonly listeners: ShardsListener[] = [];
  private readonly leaseMs: number;
  private members = 1;
  /** Live instances that probe, this one included once it does. */
  private probers = 1;
  /** Whether this instance takes shards (it probes). */
  private leasing = false;
  /** When the last renewal that succeeded began (Date.now()). */
  private renewedAt = 0;
  /** Whether the leases went unrenewed for a whole lease (said once). */
  private overdue = false;
  private load: () => InstanceLoad = () => ({ targets: 0, probesStarted: 0 });
  private lastLoad: { at: number; probes: number } | null = null;
  private lock: InstanceLock | null = null;
  /** The process holding this instance's SQLite file when another does (see holdFile). */
  private fileHolder: number | null = null;
  private left: Promise<void> | null = null;
  /** When a lost lease was last logged (Date.now()). */
  private lostSaidAt = 0;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: ScheduledJobs,
    metrics: MetricsService,
  ) {
    this.enabled = config.cluster.mode === 'auto' && config.database.type === 'mysql';
    this.leaseMs = config.cluster.leaseSeconds * 1000;
    if (this.enabled) {
      metrics.readCluster(() => ({
        members: this.liveMembers(),
        shardsOwned: this.owned.size,
      }));
    }
  }

  /**
   * On MySQL/MariaDB: registers this instance and keeps its heartbeat, from now on. On SQLite:
   * holds the database file, unless another process does.
   */
  async onModuleInit(): Promise<void> {
    if (this.enabled) await this.join();
    else this.holdFile();
  }

  /**
   * This instance probes: it takes its shards now (all of them when not leasing, none on a
   * SQLite file another process holds), then keeps them balanced with the other instances.
   */
  async takeShards(): Promise<void> {
    if (this.enabled) {
      this.leasing = true;
      try {
        await this.renew();
      } catch (error) {
        this.logger.error(`Cannot take shards yet: ${(error as Error).message}`);
      }
      this.logger.log(
        `Instance ${this.instanceId}: ${this.owned.size} of ${SHARDS} shards, ` +
          `${this.members} instance(s) live, leases of ${this.config.cluster.leaseSeconds} s`,
      );
      return;
    }
    if (this.fileHolder !== null) return;
    for (const shard of allShards()) this.owned.set(shard, 0);
  }

  /** Whether this instance sends the outbox: not on a SQLite file another process holds. */
  sendsOutbox(): boolean {
    return this.fileHolder === null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leave().catch(() => undefined);
  }

  /** Live instances on the database, this one included; 1 when not leasing. */
  liveMembers(): number {
    return this.enabled ? Math.max(1, this.members) : 1;
  }

  /** Whether this instance probes the target now. */
  ownsTarget(targetId: number): boolean {
    return this.owned.has(shardOf(targetId));
  }

  /** The shards this instance owns now. */
  ownedShards(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  /** The epoch of the lease under which this instance probes the target; null when it does not. */
  epochOf(targetId: number): number | null {
    return this.owned.get(shardOf(targetId)) ?? null;
  }

  /** The lease condition for writes of probing state; null when writes are not fenced. */
  fence(): Fence | null {
    return this.enabled ? { owner: this.instanceId, shards: SHARDS } : null;
  }

  /**
   * Tells `listener` of every shard gained or lost from now on. For shards this instance gives
   * up to balance the load, the promise the listener returns (the probes of those shards written)
   * is waited for, up to a third of the lease, before the leases are released: the next owner
   * then starts from every probe made here.
   */
  onShardsChanged(listener: ShardsListener): void {
    this.listeners.push(listener);
  }

  /** Where the heartbeat reads this instance's targets and probes. */
  reportLoad(load: () => InstanceLoad): void {
    this.load = load;
  }

  /**
   * A write under the lease of the target's shard was refused: the lease is no longer this
   * instance's, and the shard is given up at once (unless it was taken again since, under
   * another epoch).
   */
  leaseLost(targetId: number, epoch: number): void {
    const shard = shardOf(targetId);
    if (this.owned.get(shard) !== epoch) return;
    this.owned.delete(shard);
    // once for a burst of refused writes, not once per shard
    const now = Date.now();
    if (now - this.lostSaidAt >= this.leaseMs) {
      this.lostSaidAt = now;
      this.logger.warn(
        `Another instance took over shard ${shard} (and maybe more): writes under its old ` +
          'lease are refused and its targets are no longer probed here',
      );
    }
    this.tell({ gained: [], lost: [shard] });
  }

  /** Stops renewing, releases every shard at once and leaves the member list. */
  leave(): Promise<void> {
    this.left ??= this.leaveOnce();
    return this.left;
  }

  /** The instances on the database, with their shards and load. */
  async describe(): Promise<ClusterDto> {
    if (!this.enabled) {
      const { targets } = this.load();
      const now = new Date();
      const self: ClusterInstanceDto = {
        id: this.instanceId,
        host: hostname(),
        pid: process.pid,
        version,
        startedAt: new Date(Date.now() - process.uptime() * 1000),
        heartbeatAt: now,
        shards: this.owned.size,
        targets,
        probesPerSecond: this.probesPerSecond(false),
      };
      return { enabled: false, leaseSeconds: this.config.cluster.leaseSeconds, instances: [self] };
    }
    const rows: MemberRow[] = await this.dataSource.query(
      'SELECT m.id, m.host, m.pid, m.version, m.started_at, m.heartbeat_at, m.targets, ' +
        'm.probes_per_second, (SELECT COUNT(*) FROM shard_leases l WHERE l.owner = m.id ' +
        'AND l.expires_at > NOW(3)) AS shards FROM cluster_members m ORDER BY m.started_at, m.id',
    );
    return {
      enabled: true,
      leaseSeconds: this.config.cluster.leaseSeconds,
      instances: rows.map((r) => ({
        id: r.id,
        host: r.host,
        pid: Number(r.pid),
        version: r.version,
        startedAt: dateOf(r.started_at),
        heartbeatAt: dateOf(r.heartbeat_at),
        shards: Number(r.shards),
        targets: Number(r.targets),
        probesPerSecond: Number(r.probes_per_second),
      })),
    };
  }

  /**
   * SQLite is one instance per database file (VIGIL_CLUSTER=auto): the first process to start
   * holds it (`<file>.lock`) and does its background work, probing and sending the outbox;
   * another process started on the file serves the API only.
   */
  private holdFile(): void {
    const database = this.config.database;
    if (database.type !== 'sqlite' || this.config.cluster.mode !== 'auto') return;
    const lock = new InstanceLock(`${database.file}.lock`);
    const taken = lock.acquire();
    if (taken.held) {
      this.lock = lock;
      return;
    }
    this.fileHolder = taken.pid;
    this.logger.warn(
      `Another vigil process (pid ${taken.pid}) probes ${database.file} and sends its ` +
        'notifications: this one serves the API only (one instance per SQLite file; several ' +
        'instances need MySQL/MariaDB)',
    );
  }

  private async join(): Promise<void> {
    const values = allShards()
      .map((shard) => `(${shard}, NULL, 0, NOW(3))`)
      .join(', ');
    await this.dataSource.query(
      `INSERT IGNORE INTO shard_leases (shard, owner, epoch, expires_at) VALUES ${values}`,
    );
    await this.heartbeat();
    this.jobs.schedule({
      name: LEASE_JOB,
      everyMs: Math.max(1000, Math.round(this.leaseMs / 3)),
      run: () => this.renew(),
    });
  }

  /** One round: heartbeat, renew the leases held, then give up or take shards to the fair share. */
  private async renew(): Promise<void> {
    if (this.left) return;
    const started = Date.now();
    try {
      await this.heartbeat();
      if (!this.leasing) return;
      await this.renewLeases();
      await this.balance();
      this.renewedAt = started;
      this.overdue = false;
    } catch (error) {
      // The database is out of reach: for every instance (an outage: nobody takes the shards
      // over) or for this one alone (others may take them, with a new epoch). Probing goes on
      // and its records wait; the epoch fences them, so that they are written only where no
      // other instance took the shard meanwhile.
      if (this.owned.size && Date.now() - this.renewedAt >= this.leaseMs && !this.overdue) {
        this.overdue = true;
        this.logger.warn(
          `Leases not renewed for ${this.config.cluster.leaseSeconds} s: probing goes on; ` +
            'what it records is written only for shards no other instance has taken meanwhile',
        );
      }
      throw error;
    }
  }

  private probesPerSecond(advance: boolean): number {
    const now = Date.now();
    const { probesStarted } = this.load();
    const last = this.lastLoad;
    if (advance || !last) this.lastLoad = { at: now, probes: probesStarted };
    if (!last || now <= last.at) return 0;
    return Math.round(((probesStarted - last.probes) * 1000 * 10) / (now - last.at)) / 10;
  }

  private async heartbeat(): Promise<void> {
    const rate = this.probesPerSecond(true);
    const { targets } = this.load();
    const probing = this.leasing ? 1 : 0;
    // registers on the first heartbeat, and again after the others took it for gone
    await this.dataSource.query(
      'INSERT INTO cluster_members (id, host, pid, version, started_at, heartbeat_at, targets, ' +
        'probes_per_second, probing) VALUES (?, ?, ?, ?, NOW(3), NOW(3), ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE heartbeat_at = NOW(3), targets = VALUES(targets), ' +
        'probes_per_second = VALUES(probes_per_second), probing = VALUES(probing)',
      [this.instanceId, hostname().slice(0, 255), process.pid, version, targets, rate, probing],
    );
    await this.dataSource.query(
      'DELETE FROM cluster_members WHERE heartbeat_at < NOW(3) - INTERVAL ? SECOND',
      [this.config.cluster.leaseSeconds],
    );
    const [{ n, p }] = await this.dataSource.query<{ n: number | string; p: number | string }[]>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(probing), 0) AS p FROM cluster_members',
    );
    this.members = Math.max(1, Number(n));
    this.probers = Math.max(1, Number(p));
  }

  /** Renews the leases held and learns which are still this instance's. */
  private async renewLeases(): Promise<void> {
    await this.dataSource.query(
      'UPDATE shard_leases SET expires_at = NOW(3) + INTERVAL ? SECOND WHERE owner = ?',
      [this.config.cluster.leaseSeconds, this.instanceId],
    );
    const rows = await this.dataSource.query<{ shard: number | string; epoch: number | string }[]>(
      'SELECT shard, epoch FROM shard_leases WHERE owner = ?',
      [this.instanceId],
    );
    const held = new Map(rows.map((r) => [Number(r.shard), Number(r.epoch)]));
    const lost = this.ownedShards().filter((shard) => held.get(shard) !== this.owned.get(shard));
    for (const shard of lost) this.owned.delete(shard);
    if (lost.length) {
      this.logger.warn(
        `Lost the lease of ${lost.length} shard(s): their targets are probed elsewhere`,
      );
      this.tell({ gained: [], lost });
    }
  }

  private async balance(): Promise<void> {
    const { giveUp, take } = rebalance(this.owned.size, this.probers);
    if (giveUp > 0) {
      // shards picked at random, so that each instance keeps targets of every range of ids
      const excess = this.ownedShards()
        .map((shard) => ({ shard, order: Math.random() }))
        .sort((x, y) => x.order - y.order)
        .slice(0, giveUp)
        .map(({ shard }) => shard);
      for (const shard of excess) this.owned.delete(shard);
      await this.handOver(this.notify({ gained: [], lost: excess }));
      await this.dataSource.query(
        'UPDATE shard_leases SET owner = NULL, expires_at = NOW(3) ' +
          `WHERE owner = ? AND shard IN (${excess.map(() => '?').join(', ')})`,
        [this.instanceId, ...excess],
      );
      return;
    }
    if (take <= 0) return;
    const claimed = await this.dataSource.transaction('READ COMMITTED', (m) => this.claim(m, take));
    if (!claimed.size) return;
    for (const [shard, epoch] of claimed) this.owned.set(shard, epoch);
    this.tell({ gained: [...claimed.keys()], lost: [] });
  }

  /** Takes up to `wanted` free or expired shards; those taken, with their new epochs. */
  private async claim(m: EntityManager, wanted: number): Promise<Map<number, number>> {
    const free = await m.query<{ shard: number | string }[]>(
      'SELECT shard FROM shard_leases WHERE owner IS NULL OR expires_at <= NOW(3) ' +
        `ORDER BY shard LIMIT ${Math.floor(wanted)} FOR UPDATE SKIP LOCKED`,
    );
    const claimed = new Map<number, number>();
    if (!free.length) return claimed;
    const shards = free.map((r) => Number(r.shard));
    const marks = shards.map(() => '?').join(', ');
    await m.query(
      'UPDATE shard_leases SET owner = ?, epoch = epoch + 1, ' +
        `expires_at = NOW(3) + INTERVAL ? SECOND WHERE shard IN (${marks})`,
      [this.instanceId, this.config.cluster.leaseSeconds, ...shards],
    );
    const rows = await m.query<{ shard: number | string; epoch: number | string }[]>(
      `SELECT shard, epoch FROM shard_leases WHERE shard IN (${marks})`,
      [...shards],
    );
    for (const r of rows) claimed.set(Number(r.shard), Number(r.epoch));
    return claimed;
  }

  private async leaveOnce(): Promise<void> {
    this.lock?.release();
    if (!this.enabled) return;
    await this.jobs.stop(LEASE_JOB);
    const lost = this.ownedShards();
    this.owned.clear();
    if (lost.length) this.tell({ gained: [], lost });
    await this.dataSource.query(
      'UPDATE shard_leases SET owner = NULL, expires_at = NOW(3) WHERE owner = ?',
      [this.instanceId],
    );
    await this.dataSource.query('DELETE FROM cluster_members WHERE id = ?', [this.instanceId]);
    this.logger.log(`Instance ${this.instanceId} left the cluster, its shards released`);
  }

  /** Tells the listeners of a change, without waiting for what they still do about it. */
  private tell(change: ShardsChange): void {
    for (const done of this.notify(change)) {
      void done.catch((error: unknown) => {
        this.logger.error(`A listener of shard changes failed: ${(error as Error).message}`);
      });
    }
  }

  /** Tells the listeners of a change; what they still do about it, as promises. */
  private notify(change: ShardsChange): Promise<void>[] {
    const pending: Promise<void>[] = [];
    for (const listener of this.listeners) {
      try {
        const done = listener(change);
        if (done) pending.push(done);
      } catch (error) {
        this.logger.error(`A listener of shard changes failed: ${(error as Error).message}`);
      }
    }
    return pending;
  }

  /** Waits for the listeners to finish with shards given up, a third of the lease at most. */
  private async handOver(pending: Promise<void>[]): Promise<void> {
    if (!pending.length) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.leaseMs / 3);
    });
    try {
      await Promise.race([Promise.allSettled(pending), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
