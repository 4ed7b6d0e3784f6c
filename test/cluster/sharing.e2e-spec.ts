import { databaseKinds } from '../support/database';
import type { ServerProcess } from '../support/server-process';
import { until } from '../support/until';
import {
  api,
  type ClusterView,
  clusterFixture,
  createTarget,
  passCountsOff,
  shardOwners,
  sleep,
} from './cluster-support';

const LEASE_SECONDS = 10;
const TARGETS = 60;

/** Three instances, each owning at most its share of the 256 shards, all of them leased. */
async function balanced(server: ServerProcess, targets: number): Promise<boolean> {
  const view = await api<ClusterView>(server, 'GET', '/api/v1/cluster');
  const shards = view.instances.map((i) => i.shards);
  return (
    view.enabled &&
    view.instances.length === 3 &&
    shards.reduce((a, b) => a + b, 0) === 256 &&
    shards.every((n) => n > 0 && n <= 86) &&
    view.instances.reduce((a, i) => a + i.targets, 0) === targets
  );
}

const describeMysql = databaseKinds().includes('mysql') ? describe : describe.skip;

describeMysql('three instances on one MariaDB database', () => {
  const fixture = clusterFixture('mysql', 3);

  it('probes each target once per period, and takes over a killed instance within twice the lease, counting every passing probe', async () => {
    const { counting, instances, sql } = fixture;
    const [first] = instances.all;
    const path = (i: number) => `/t/${i}`;
    const ids: number[] = [];
    for (let i = 0; i < TARGETS; i += 1) {
      ids.push(await createTarget(first, `cluster-${i}`, `${counting.url}${path(i)}`));
    }
    await until(() => balanced(first, TARGETS), 40_000);

    const before = ids.map((_, i) => counting.hits(path(i)));
    await sleep(20_000);
    const hits = ids.map((_, i) => counting.hits(path(i)) - before[i]);
    expect(hits.filter((n) => n < 18 || n > 22)).toEqual([]);

    // the instance probing the most of these targets is killed outright
    const pidOf = await shardOwners(sql);
    const count = (pid: number) => ids.filter((id) => pidOf.get(id % 256) === pid).length;
    const victim = instances.all.reduce((a, b) =>
      count(b.child.pid!) > count(a.child.pid!) ? b : a,
    );
    const survivor = instances.all.find((s) => s !== victim)!;
    const orphans = ids.flatMap((id, i) => (pidOf.get(id % 256) === victim.child.pid ? [i] : []));
    expect(orphans.length).toBeGreaterThan(0);

    victim.child.kill('SIGKILL');
    await until(() => victim.child.exitCode !== null || victim.child.signalCode !== null, 5000);
    const killedAt = Date.now();
    const atKill = orphans.map((i) => counting.hits(path(i)));
    await until(
      () => orphans.every((i, k) => counting.hits(path(i)) > atKill[k]),
      2 * LEASE_SECONDS * 1000,
    );
    expect(Date.now() - killedAt).toBeLessThan(2 * LEASE_SECONDS * 1000);
    // and from then on once a second
    const resumed = orphans.map((i) => counting.hits(path(i)));
    await sleep(5000);
    const after = orphans.map((i, k) => counting.hits(path(i)) - resumed[k]);
    expect(after.filter((n) => n < 4 || n > 6)).toEqual([]);
    const view = await api<ClusterView>(survivor, 'GET', '/api/v1/cluster');
    expect(view.instances.map((i) => i.pid)).not.toContain(victim.child.pid);

    // every probe written counts once
    await instances.stopAll();
    const targets = ids.map((id, i) => ({ id, path: path(i) }));
    expect(await passCountsOff(fixture, targets)).toEqual([]);
    // and every probe passed, but for one the loaded machine kept past the 1 s timeout (the
    // target server shares this test's event loop): a handover breaks none
    const failures = await sql.query<{ target_id: number; description: string }>(
      "SELECT target_id, description FROM probe_results WHERE status = 'FAIL'",
    );
    expect(failures.filter((f) => f.description !== 'timeout after 1 s')).toEqual([]);
    expect(failures.length).toBeLessThanOrEqual(2);
  }, 180_000);
});
