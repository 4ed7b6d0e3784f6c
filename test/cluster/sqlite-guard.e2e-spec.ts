import { until } from '../support/until';
import { api, clusterFixture, createTarget, sleep } from './cluster-support';

interface Health {
  probing: { targets: number; shards: number };
}

describe('two processes on one SQLite file', () => {
  const fixture = clusterFixture('sqlite', 0);

  it('lets the second one serve the API but not probe, saying why', async () => {
    const { counting, instances } = fixture;
    const first = await instances.start();
    await createTarget(first, 'guarded', `${counting.url}/guarded`);
    await until(() => counting.hits('/guarded') > 0, 5000);

    const second = await instances.start();
    expect(second.output()).toMatch(
      new RegExp(`Another vigil process \\(pid ${first.child.pid}\\) probes .*vigil\\.sqlite`),
    );
    const health = await api<Health>(second, 'GET', '/health');
    expect(health.probing).toMatchObject({ targets: 0, shards: 0 });
    expect((await api<Health>(first, 'GET', '/health')).probing).toMatchObject({
      targets: 1,
      shards: 256,
    });

    const before = counting.hits('/guarded');
    await sleep(5000);
    const hits = counting.hits('/guarded') - before;
    expect(hits).toBeGreaterThanOrEqual(4);
    expect(hits).toBeLessThanOrEqual(6);
  }, 90_000);
});
