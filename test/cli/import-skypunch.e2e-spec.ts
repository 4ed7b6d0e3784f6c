import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startTestApp, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { cliAs, json } from './run-cli';

interface ImportLine {
  kind: string;
  skypunchId: number;
  name: string;
  action: string;
  vigilId: number | null;
  reason: string | null;
}

const SECRETS = ['basic-secret-1', 'os-secret-3', 'os-secret-4', 'smtp-secret-1', 'smtp-secret-2'];

/** The import needs MariaDB: skipped loudly without it, and a failure under CI=true. */
function describeWithMysql(name: string, body: () => void): void {
  if (process.env.VIGIL_TEST_MYSQL_URL) return describe(name, body);
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs VIGIL_TEST_MYSQL_URL', () => {
        throw new Error(
          'CI=true but VIGIL_TEST_MYSQL_URL is not set: the skypunch import cannot be tested',
        );
      });
    });
    return;
  }
  console.warn(`\n*** VIGIL_TEST_MYSQL_URL is not set: SKIPPING "${name}" ***\n`);
  describe.skip(name, body);
}

describeWithMysql('vigil import skypunch', () => {
  let t: TestApp;
  let admin: ReturnType<typeof cliAs>;
  let skypunchUrl: string;
  const database = `skypunch_test_${randomBytes(4).toString('hex')}`;
  const server = new URL(process.env.VIGIL_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const connection = () =>
    createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
      multipleStatements: true,
    });

  beforeAll(async () => {
    const db = await connection();
    await db.query(`CREATE DATABASE \`${database}\``);
    await db.query(`USE \`${database}\``);
    await db.query(readFileSync(join(__dirname, 'fixtures', 'skypunch.sql'), 'utf8'));
    await db.end();
    const url = new URL(server.toString());
    url.pathname = `/${database}`;
    skypunchUrl = url.toString();
    t = await startTestApp('sqlite', { VIGIL_DOCS_ENABLED: 'false' });
    admin = cliAs(t.url, 'admin');
  });

  afterAll(async () => {
    await t?.close();
    const db = await connection();
    await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.end();
  });

  it('shows what it would create on --dry-run, and creates nothing', async () => {
    const r = await admin(['import', 'skypunch', '--from', skypunchUrl, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^target\s+1\s+shop-health\s+would create\s/m);
    expect(r.stdout).toMatch(
      /^target\s+5\s+broken-basic\s+skipped\s+-\s+BASIC authn_parms has no user$/m,
    );
    expect(r.stdout).toMatch(
      /^target\s+6\s+trace-only\s+skipped\s+-\s+method TRACE is not supported$/m,
    );
    expect(r.stdout).toMatch(/^dry run: would create 7, skip 2$/m);
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);
    const api = clientAs(t.url, 'admin');
    expect((await api.GET('/api/v1/targets')).data?.total).toBe(0);
    expect((await api.GET('/api/v1/notifiers')).data?.total).toBe(0);
  });

  it('creates the targets and notifiers with their settings, then creates nothing the second time', async () => {
    const first = await admin(['--json', 'import', 'skypunch', '--from', skypunchUrl]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const secret of SECRETS) expect(first.stdout).not.toContain(secret);
    const report = json<{ dryRun: boolean; items: ImportLine[] }>(first);
    expect(report.items.map((l) => [l.kind, l.skypunchId, l.action])).toEqual([
      ['notifier', 1, 'created'],
      ['notifier', 2, 'created'],
      ['notifier', 3, 'created'],
      ['target', 1, 'created'],
      ['target', 2, 'created'],
      ['target', 3, 'created'],
      ['target', 4, 'created'],
      ['target', 5, 'skipped'],
      ['target', 6, 'skipped'],
    ]);

    const api = clientAs(t.url, 'admin');
    const targets = (await api.GET('/api/v1/targets', { params: { query: { sort: 'id' } } })).data!;
    const byName = Object.fromEntries(targets.items.map((x) => [x.name, x]));
    expect(byName['shop-health']).toMatchObject({
      url: 'https://shop.example/health?deep=1',
      method: 'GET',
      auth: { type: 'NONE' },
      frequencySeconds: 30,
      timeoutSeconds: 5,
      expectedStatus: 200,
      enabled: true,
    });
    expect(byName['billing-api']).toMatchObject({
      method: 'GET',
      auth: { type: 'BASIC', username: 'probe', hasPassword: true },
      expectedStatus: 204,
    });
    expect(byName['nova-servers']).toMatchObject({
      auth: {
        type: 'OPENSTACK',
        authUrl: 'https://keystone.example:5000/v3',
        username: 'monitor',
        keystoneVersion: 'v3',
        projectId: '4f1c0ffee',
        hasPassword: true,
      },
      frequencySeconds: 120,
      timeoutSeconds: 30,
      enabled: false,
    });
    expect(byName['legacy-glance']).toMatchObject({
      auth: { type: 'OPENSTACK', keystoneVersion: 'v2.0', tenantId: '77aa' },
      frequencySeconds: 5,
      timeoutSeconds: 5,
    });
    const notifiers = (await api.GET('/api/v1/notifiers', { params: { query: { sort: 'id' } } }))
      .data!;
    expect(
      notifiers.items.map((n) => [n.name, n.address, n.smtp?.host, n.smtp?.port, n.smtp?.security]),
    ).toEqual([
      ['ops-mail', ['ops@example.com'], 'mail.example.com', 587, 'starttls'],
      ['oncall', ['oncall@example.com', 'lead@example.com'], 'smtp.example.com', 465, 'tls'],
      ['local-relay', ['noc@example.com'], 'localhost', expect.any(Number), 'starttls'],
    ]);
    expect(notifiers.items[0].smtp).toMatchObject({
      username: 'mailer@example.com',
      hasPassword: true,
    });

    const second = await admin(['import', 'skypunch', '--from', skypunchUrl]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^created 0, skipped 9, failed 0$/m);
    expect(second.stdout).toMatch(
      /^target\s+1\s+shop-health\s+skipped\s+\d+\s+a target with this name exists in vigil/m,
    );
    expect((await api.GET('/api/v1/targets')).data?.total).toBe(4);
    expect((await api.GET('/api/v1/notifiers')).data?.total).toBe(3);
  });

  it('exits 3 when the skypunch database cannot be reached, and 2 for a bad --from', async () => {
    const wrong = new URL(skypunchUrl);
    wrong.port = '1';
    const down = await admin(['import', 'skypunch', '--from', wrong.toString()]);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^vigil: cannot connect to mysql:/);
    const bad = await admin(['import', 'skypunch', '--from', 'postgres://x/y']);
    expect(bad.code).toBe(2);
  });
});
