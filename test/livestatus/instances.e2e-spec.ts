import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ClusterMembers } from '../../src/common/cluster-members';
import { basicAuth, startInstance, TEST_USERS, type RunningApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  describeWithIcinga,
  type IcingaInstance,
  startTestIcinga,
  TEST_HOSTS,
} from '../support/icinga';
import { Timers } from '../support/timers';

const viewer = basicAuth(TEST_USERS.viewer);
const INSTANCES = 3;
const BUDGET = 3;
const QUERIES = 30;
/** Each request waits this long in the proxy, so that connections overlap. */
const REQUEST_DELAY_MS = 100;
/** A connection is counted this long after it opened (see CountingProxy). */
const COUNT_AFTER_MS = 50;

/**
 * A UNIX socket in front of Icinga's livestatus socket that forwards each connection to its own
 * connection to Icinga, and counts the connections Icinga holds. The count is taken a moment
 * after each connection opens: the proxy shares its event loop with vigil, so it may notice a
 * connection vigil just closed after the one vigil opened next.
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
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.open--;
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
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

describeWithIcinga('livestatus connections of several vigil instances', () => {
  let icinga: IcingaInstance;
  let proxy: CountingProxy;
  const databases: TestDatabase[] = [];
  const apps: (RunningApp & { close(): Promise<void> })[] = [];

  beforeAll(async () => {
    icinga = await startTestIcinga();
    proxy = await CountingProxy.start(icinga.socketPath);
    for (let i = 0; i < INSTANCES; i++) {
      const database = await createTestDatabase('sqlite');
      databases.push(database);
      const members: ClusterMembers = {
        instanceId: `instance-${i}`,
        liveMembers: () => INSTANCES,
        sendsOutbox: () => true,
      };
      apps.push(
        await startInstance(
          database,
          {
            VIGIL_SITES: `local=unix:${proxy.socketPath}`,
            VIGIL_LIVESTATUS_MAX_IN_FLIGHT: String(BUDGET),
            VIGIL_LIVESTATUS_TIMEOUT_MS: '10000',
            VIGIL_DOCS_ENABLED: 'false',
          },
          { clusterMembers: members },
        ),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.drop();
    await proxy?.stop();
    await icinga?.stop();
  });

  it('keep Icinga within the budget together: 30 queries at once, each answered or 503, none hung', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: QUERIES }, (_, i) =>
        request(apps[i % INSTANCES].url)
          .get('/api/v1/livestatus/hosts?columns=name,state&site=local')
          .set('Authorization', viewer)
          .timeout(20_000),
      ),
    );
    const elapsed = Date.now() - started;

    for (const res of answers) {
      expect([200, 503]).toContain(res.status);
      if (res.status === 200) {
        const names = (res.body as { name: string }[]).map((h) => h.name).sort();
        expect(names).toEqual(TEST_HOSTS);
      } else {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
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
