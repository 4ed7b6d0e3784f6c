import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tieSockets } from '../../bench/tie-sockets';
import { api, type ClusterView, clusterFixture, sleep } from '../cluster/cluster-support';
import { basicAuth, TEST_USERS } from '../support/app';
import { databaseKinds } from '../support/database';
import {
  describeWithIcinga,
  type IcingaInstance,
  startTestIcinga,
  TEST_HOSTS,
} from '../support/icinga';
import type { ServerProcess } from '../support/server-process';
import { Timers } from '../support/timers';
import { until } from '../support/until';

const viewer = basicAuth(TEST_USERS.viewer);
const INSTANCES = 3;
const BUDGET = 3;
const QUERIES = 30;
const LEASE_SECONDS = 3;
/** Each request waits this long in the proxy, so that connections overlap. */
const REQUEST_DELAY_MS = 100;
/** A connection is counted this long after it opened (see CountingProxy). */
const COUNT_AFTER_MS = 50;

/**
 * A UNIX socket in front of Icinga's livestatus socket that forwards each connection to its own
 * connection to Icinga, and counts the connections Icinga holds. The count is taken a moment
 * after each connection opens, so that a connection one vigil just closed and the proxy has not
 * noticed yet is not counted with the next one.
 */
class CountingProxy {
  open = 0;
  max = 0;
  total = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Timers();

  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    readonly socketPath: string,
  ) {}

  static async start(upstreamPath: string): Promise<CountingProxy> {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-proxy-'));
    const server = createServer();
    const proxy = new CountingProxy(server, dir, join(dir, 'livestatus'));
    server.on('connection', (client) => proxy.forward(client, upstreamPath));
    await new Promise<void>((resolve) => server.listen(proxy.socketPath, resolve));
    return proxy;
  }

  private forward(client: Socket, upstreamPath: string): void {
    const upstream = createConnection({ path: upstreamPath });
    this.open++;
    this.total++;
    this.timers.later(() => {
      this.max = Math.max(this.max, this.open);
    }, COUNT_AFTER_MS);
    this.sockets.add(client).add(upstream);
    tieSockets(client, upstream, () => {
      this.open--;
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    });
    client.on('data', (chunk: Buffer) => {
      this.timers.later(() => {
        if (!upstream.destroyed) upstream.write(chunk);
      }, REQUEST_DELAY_MS);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    upstream.on('end', () => client.end());
  }

  async stop(): Promise<void> {
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const describeMysql = databaseKinds().includes('mysql') ? describe : describe.skip;

describeWithIcinga('livestatus connections of several vigil instances', () => {
  describeMysql('three vigil processes on one MariaDB database', () => {
    const fixture = clusterFixture('mysql', 0, {
      VIGIL_LIVESTATUS_MAX_IN_FLIGHT: String(BUDGET),
      VIGIL_LIVESTATUS_TIMEOUT_MS: '10000',
      VIGIL_CLUSTER_LEASE_SECONDS: String(LEASE_SECONDS),
      VIGIL_DOCS_ENABLED: 'false',
    });
    let icinga: IcingaInstance;
    let proxy: CountingProxy;
    let servers: ServerProcess[];

    beforeAll(async () => {
      icinga = await startTestIcinga();
      proxy = await CountingProxy.start(icinga.socketPath);
      const sites = { VIGIL_SITES: `local=unix:${proxy.socketPath}` };
      // the first alone, as it runs the migrations
      const first = await fixture.instances.start(sites);
      const others = await Promise.all(
        Array.from({ length: INSTANCES - 1 }, () => fixture.instances.start(sites)),
      );
      servers = [first, ...others];
      await until(
        async () =>
          (await api<ClusterView>(first, 'GET', '/api/v1/cluster')).instances.length === INSTANCES,
        30_000,
      );
      // each instance learns the count at its next heartbeat
      await sleep(((LEASE_SECONDS * 1000) / 3) * 2);
    }, 120_000);

    afterAll(async () => {
      await fixture.instances?.stopAll();
      await proxy?.stop();
      await icinga?.stop();
    });

    it('keep Icinga within the budget together: 30 queries at once, each answered or 503, none hung', async () => {
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: QUERIES }, async (_, i) => {
          const res = await fetch(
            `http://127.0.0.1:${servers[i % INSTANCES].port}` +
              '/api/v1/livestatus/hosts?columns=name,state&site=local',
            { headers: { Authorization: viewer }, signal: AbortSignal.timeout(20_000) },
          );
          const body: unknown = await res.json();
          return { status: res.status, type: res.headers.get('content-type') ?? '', body };
        }),
      );
      const elapsed = Date.now() - started;

      for (const res of answers) {
        expect([200, 503]).toContain(res.status);
        if (res.status === 200) {
          const names = (res.body as { name: string }[]).map((h) => h.name).sort();
          expect(names).toEqual(TEST_HOSTS);
        } else {
          expect(res.type).toMatch(/^application\/problem\+json/);
        }
      }
      expect(answers.filter((r) => r.status === 200).length).toBeGreaterThan(0);
      // every instance held its one connection while the others held theirs, and no more
      expect(proxy.total).toBeGreaterThanOrEqual(INSTANCES);
      expect(proxy.max).toBeGreaterThanOrEqual(2);
      expect(proxy.max).toBeLessThanOrEqual(BUDGET);
      // one connection per instance, each query ~REQUEST_DELAY_MS: a hung query would take 10 s
      expect(elapsed).toBeLessThan(9000);
    });
  });
});
