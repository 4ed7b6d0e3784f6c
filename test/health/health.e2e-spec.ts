import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { describeWithIcinga, type IcingaInstance, startTestIcinga } from '../support/icinga';
import { PrivateMariaDb, privateMariaDbAvailable } from '../support/private-mariadb';
import { silentServer } from '../support/silent-server';
import { until } from '../support/until';

interface SiteHealth {
  name: string;
  kind: string;
  reachable: boolean;
  latencyMs: number;
  checkedAt: string;
  error?: string;
}

describeWithIcinga('GET /health with a private Icinga 2', () => {
  let icinga: IcingaInstance;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let t: TestApp;

  beforeAll(async () => {
    icinga = await startTestIcinga();
    silent = await silentServer();
    t = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath},silent=tcp:127.0.0.1:${silent.port}`,
      VIGIL_COMMAND_PIPE: icinga.commandPipe,
      VIGIL_DOCS_ENABLED: 'false',
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await icinga?.stop();
    silent?.close();
  });

  it('tells each site, the command pipe and the outbox, and stays 200 after Icinga stops', async () => {
    const started = Date.now();
    const up = await request(t.url).get('/health').expect(200);
    // the silent site is given up after 2 s, not after the 10 s a livestatus query may take
    expect(Date.now() - started).toBeLessThan(4000);
    expect(up.body).toMatchObject({
      status: 'ok',
      database: 'up',
      commandPipe: { path: icinga.commandPipe, present: true, hasReader: true },
      mail: { pending: 0, dead: 0 },
      probing: { targets: 0, queued: 0, lostResults: 0, scheduleLagMs: null },
    });
    const [local, hanging] = up.body.sites as SiteHealth[];
    expect(local).toEqual({
      name: 'local',
      kind: 'livestatus',
      reachable: true,
      latencyMs: expect.any(Number) as number,
      programVersion: expect.stringMatching(/^r2\./) as string,
      checkedAt: expect.stringMatching(/Z$/) as string,
    });
    expect(hanging).toMatchObject({
      name: 'silent',
      kind: 'livestatus',
      reachable: false,
      error: `livestatus site silent (tcp:127.0.0.1:${silent.port}): no answer within 2000 ms`,
    });

    // answers are kept for a few seconds: polling does not ask Icinga each time
    const again = await request(t.url).get('/health').expect(200);
    expect((again.body.sites as SiteHealth[])[0].checkedAt).toBe(local.checkedAt);

    await icinga.stop();
    let down: request.Response | undefined;
    await until(async () => {
      down = await request(t.url).get('/health');
      return (down.body.sites as SiteHealth[])[0].reachable === false;
    }, 15_000);
    expect(down!.status).toBe(200);
    expect(down!.body).toMatchObject({
      status: 'ok',
      database: 'up',
      commandPipe: { path: icinga.commandPipe, present: false, hasReader: false },
    });
    expect((down!.body.sites as SiteHealth[])[0]).toMatchObject({
      name: 'local',
      reachable: false,
      error: expect.stringMatching(
        /^livestatus site local \(unix:.*\): no socket at this path/,
      ) as string,
    });
    await request(t.url).get('/health/live').expect(200, { status: 'ok' });
  }, 60_000);
});

const mariaDb = privateMariaDbAvailable();
if (!mariaDb && process.env.CI === 'true') {
  throw new Error('CI=true but mariadbd is not installed: the readiness test cannot run');
}
if (!mariaDb) console.warn('mariadbd is not installed: SKIPPING the readiness outage test');

(mariaDb ? describe : describe.skip)(
  'GET /health/ready and /health/live (a MariaDB server of its own)',
  () => {
    let db: PrivateMariaDb;
    let t: TestApp;

    beforeAll(async () => {
      db = await PrivateMariaDb.start();
      t = await startTestApp('sqlite', { VIGIL_DATABASE_URL: db.url });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await db?.destroy();
    });

    it('is not ready while the database is down, and ready again once it is back', async () => {
      await request(t.url)
        .get('/health/ready')
        .expect(200, { status: 'ok', database: 'up', migrations: 'done' });

      await db.stop();
      const down = await request(t.url).get('/health/ready');
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.body).toEqual({ status: 'error', database: 'down', migrations: 'unknown' });
      await request(t.url).get('/health/live').expect(200, { status: 'ok' });
      const health = await request(t.url).get('/health');
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(health.body).toMatchObject({ status: 'error', database: 'down', mail: null });

      await db.resume();
      await until(async () => (await request(t.url).get('/health/ready')).status === 200, 30_000);
      await request(t.url)
        .get('/health/ready')
        .expect(200, { status: 'ok', database: 'up', migrations: 'done' });
    }, 120_000);
  },
);
