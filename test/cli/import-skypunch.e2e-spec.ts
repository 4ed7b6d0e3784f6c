import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
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

const SECRETS = [
  'basic-secret-1',
  'os-secret-3',
  'os-secret-4',
  'smtp-secret-1',
  'smtp-secret-2',
  'smtp-secret-4',
];
const LONG = 'L'.repeat(128);

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

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => resolve(text));
  });

/** The table part of the human output (the summary line after it differs by design). */
const tableOf = (stdout: string) => stdout.split('\n\n')[0];

describeWithMysql('vigil import skypunch', () => {
  let t: TestApp;
  let admin: ReturnType<typeof cliAs>;
  let skypunchUrl: string;
  let source: RowDataPacket[];
  let sourceNotifiers: RowDataPacket[];
  let base: string;
  /** Keystone v2.0 token requests the fake Keystone answered: path and tenant id. */
  const tokenRequests: [string, string][] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'POST') {
        const body = JSON.parse(await read(req)) as {
          auth?: {
            passwordCredentials?: { username?: string; password?: string };
            tenantId?: string;
          };
        };
        if (path.startsWith('/nowhere') || !path.endsWith('/v2.0/tokens')) {
          res.writeHead(404).end();
          return;
        }
        const { passwordCredentials: creds, tenantId } = body.auth ?? {};
        if (creds?.username !== 'monitor' || !creds.password?.startsWith('os-secret-')) {
          res.writeHead(401).end();
          return;
        }
        tokenRequests.push([path, tenantId ?? '']);
        const expires = new Date(Date.now() + 3600_000).toISOString();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access: { token: { id: `tok-${tenantId}`, expires } } }));
        return;
      }
      const needsToken = ['/nova', '/glance', '/swift', '/cinder'].includes(path);
      const token = req.headers['x-auth-token'];
      res.writeHead(needsToken && !String(token).startsWith('tok-t-') ? 401 : 200).end('ok');
    })();
  });
  const database = `skypunch_test_${randomBytes(4).toString('hex')}`;
  const mysql = new URL(process.env.VIGIL_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const connection = () =>
    createConnection({
      host: mysql.hostname,
      port: Number(mysql.port || 3306),
      user: decodeURIComponent(mysql.username),
      password: decodeURIComponent(mysql.password),
      multipleStatements: true,
    });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const db = await connection();
    await db.query(`CREATE DATABASE \`${database}\``);
    await db.query(`USE \`${database}\``);
    const sql = readFileSync(join(__dirname, 'fixtures', 'skypunch.sql'), 'utf8');
    await db.query(sql.replaceAll('@BASE@', base));
    [source] = await db.query<RowDataPacket[]>('SELECT * FROM targets ORDER BY id');
    [sourceNotifiers] = await db.query<RowDataPacket[]>('SELECT * FROM notifiers ORDER BY id');
    await db.end();
    const url = new URL(mysql.toString());
    url.pathname = `/${database}`;
    skypunchUrl = url.toString();
    t = await startTestApp('mysql', { VIGIL_DOCS_ENABLED: 'false' });
    admin = cliAs(t.url, 'admin');
  });

  afterAll(async () => {
    await t?.close();
    server.close();
    const db = await connection();
    await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.end();
  });

  let dryTable = '';

  it('checks every row with vigil on --dry-run, reports those skypunch could not probe, and creates nothing', async () => {
    const r = await admin(['import', 'skypunch', '--from', skypunchUrl, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('vigil: 3 row(s) could not be imported\n');
    expect(r.stdout).toMatch(
      /^target\s+13\s+basic no password\s+failed\s+invalid BASIC authn params \(user and password required\)$/m,
    );
    expect(r.stdout).toMatch(
      /^target\s+14\s+ftp mirror\s+failed\s+target protocol ftp not supported$/m,
    );
    expect(r.stdout).toMatch(
      /^notifier\s+5\s+no password\s+failed\s+user or password or server not defined in params$/m,
    );
    expect(r.stdout).toMatch(/^target\s+9\s+home page \(2\)\s+import\s+renamed from "home page"$/m);
    expect(r.stdout).toMatch(
      /^notifier\s+2\s+relay\s+import\s+user relay is no address: sender vigil@smtp\.example\.com/m,
    );
    expect(r.stdout).toMatch(/^dry run, nothing changed: would import 16, 0 exist, 3 failed$/m);
    expect(r.stdout).not.toMatch(/default mail settings/);
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);
    const api = clientAs(t.url, 'admin');
    expect((await api.GET('/api/v1/targets')).data?.total).toBe(0);
    expect((await api.GET('/api/v1/notifiers')).data?.total).toBe(0);
    dryTable = tableOf(r.stdout);
  });

  it('imports what the dry run promised, with names, enabled flags, status and counters', async () => {
    const r = await admin(['import', 'skypunch', '--from', skypunchUrl]);
    expect(r.code).toBe(1);
    expect(tableOf(r.stdout)).toBe(dryTable);
    expect(r.stdout).toMatch(/^imported 16, 0 exist, 3 failed$/m);
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);

    const api = clientAs(t.url, 'admin');
    const targets = (
      await api.GET('/api/v1/targets', { params: { query: { sort: 'id', limit: 100 } } })
    ).data!.items;
    expect(targets.map((x) => x.name)).toEqual([
      'home page',
      'billing',
      'nova tokens',
      'glance root',
      'swift slash',
      'cinder prefixed',
      'heat v3',
      'keystone gone',
      'home page (2)',
      LONG,
      `${'L'.repeat(124)} (2)`,
      `${'L'.repeat(127)}M`,
    ]);
    for (const [i, row] of source.slice(0, 12).entries()) {
      expect({ skypunchId: row.id as number, ...targets[i] }).toMatchObject({
        skypunchId: row.id as number,
        enabled: Boolean(row.enabled),
        status: row.status as string,
        previousStatus: row.previous_status as string,
        statusDescription: (row.status_description as string | null) ?? null,
        lastUpdated: (row.last_updated as Date).toISOString(),
        passCount: Number(row.pass_count),
        failCount: Number(row.fail_count),
        status2xxCount: Number(row.count200),
        status3xxCount: Number(row.count300),
        status4xxCount: Number(row.count400),
        status5xxCount: Number(row.count500),
        networkFailCount: Number(row.network_fails),
        repeatedFailCount: Number(row.repeated_fails),
      });
    }
    expect(
      targets.map((x) => [x.auth.keystoneVersion, x.auth.tenantId ?? x.auth.projectId]),
    ).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      ['v2.0', 't-3'],
      ['v2.0', 't-4'],
      ['v2.0', 't-5'],
      ['v2.0', 't-6'],
      ['v3', 'p-7'],
      ['v2.0', 't-8'],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);

    const notifiers = (await api.GET('/api/v1/notifiers', { params: { query: { sort: 'id' } } }))
      .data!.items;
    expect(notifiers.map((n) => [n.name, n.enabled, n.smtp?.port, n.smtp?.from])).toEqual([
      ['ops', true, 587, 'mailer@example.com'],
      ['relay', true, 587, 'vigil@smtp.example.com'],
      ['old pager', false, 587, 'pager@example.com'],
      ['ops (2)', true, 587, 'mailer@example.com'],
    ]);
    // skypunch's mails sent and failed are vigil's delivery counts
    const counts = notifiers.map((n) => [n.sentCount, n.failedCount]);
    expect(counts).toEqual(
      sourceNotifiers.slice(0, 4).map((row) => [Number(row.pass_count), Number(row.fail_count)]),
    );
    expect(counts).toEqual([
      [10, 1],
      [3, 0],
      [0, 0],
      [2, 5],
    ]);
  });

  it('probes the OpenStack targets PASS against Keystone v2.0, whatever form their URL had', async () => {
    const api = clientAs(t.url, 'admin');
    const targets = (
      await api.GET('/api/v1/targets', { params: { query: { sort: 'id', limit: 100 } } })
    ).data!.items;
    for (const target of targets.slice(2, 6)) {
      const { data } = await api.POST('/api/v1/targets/{id}/probe', {
        params: { path: { id: target.id } },
      });
      expect([target.name, data?.status, data?.description]).toEqual([target.name, 'PASS', 'OK']);
    }
    expect(tokenRequests).toEqual([
      ['/v2.0/tokens', 't-3'],
      ['/v2.0/tokens', 't-4'],
      ['/v2.0/tokens', 't-5'],
      ['/identity/v2.0/tokens', 't-6'],
    ]);
    const gone = await api.POST('/api/v1/targets/{id}/probe', {
      params: { path: { id: targets[7].id } },
    });
    expect(gone.data?.description).toBe(
      `Keystone endpoint not found (404 at ${base}/nowhere/v2.0/tokens)`,
    );
  });

  it('changes nothing when run again', async () => {
    const api = clientAs(t.url, 'admin');
    const list = async () => ({
      targets: (await api.GET('/api/v1/targets', { params: { query: { sort: 'id', limit: 100 } } }))
        .data,
      notifiers: (await api.GET('/api/v1/notifiers', { params: { query: { sort: 'id' } } })).data,
    });
    const before = await list();
    const again = await admin(['--json', 'import', 'skypunch', '--from', skypunchUrl]);
    expect(again.code).toBe(1);
    const report = json<{ items: ImportLine[] }>(again);
    expect(report.items.filter((l) => l.action === 'import')).toEqual([]);
    expect(report.items.filter((l) => l.action === 'exists')).toHaveLength(16);
    expect(await list()).toEqual(before);
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
