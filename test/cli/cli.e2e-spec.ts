import { compareSync } from 'bcrypt';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { startSmtpServer } from '../notifications/smtp-servers';
import { startWebhookReceiver } from '../notifications/webhook-receivers';
import { cliAs, json, ROOT, runCli } from './run-cli';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the vigil CLI against a running server', () => {
  let t: TestApp;
  let probed: Server;
  let probedUrl: string;
  /** The request headers the probed server received. */
  const probedHeaders: IncomingHttpHeaders[] = [];
  let dir: string;
  let admin: ReturnType<typeof cliAs>;
  let viewer: ReturnType<typeof cliAs>;
  let operator: ReturnType<typeof cliAs>;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { VIGIL_DOCS_ENABLED: 'false' });
    admin = cliAs(t.url, 'admin');
    viewer = cliAs(t.url, 'viewer');
    operator = cliAs(t.url, 'operator');
    probed = createServer((req, res) => {
      probedHeaders.push(req.headers);
      res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    await new Promise<void>((resolve) => probed.listen(0, '127.0.0.1', resolve));
    probedUrl = `http://127.0.0.1:${(probed.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'vigil-cli-test-'));
  });

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => probed?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows --help for the program and every command, exiting 0', async () => {
    const commands = [
      [],
      ['targets'],
      ['targets', 'add'],
      ['targets', 'edit'],
      ['targets', 'rm'],
      ['notifiers'],
      ['notifiers', 'add'],
      ['notifiers', 'edit'],
      ['query'],
      ['sites'],
      ['cmd'],
      ['downtime', 'add'],
      ['downtime', 'ls'],
      ['downtime', 'rm'],
      ['ack', 'add'],
      ['check-result'],
      ['serve'],
      ['hash-password'],
      ['import', 'skypunch'],
    ];
    const results = await Promise.all(commands.map((c) => runCli([...c, '--help'])));
    results.forEach((r, i) => {
      expect({ command: commands[i], code: r.code }).toEqual({ command: commands[i], code: 0 });
      expect(r.stdout).toContain(`Usage: vigil ${commands[i].join(' ')}`.trim());
    });
  });

  it('adds, lists, shows, enables, disables, probes and removes a target', async () => {
    const secretHeaders = join(dir, 'secret-headers');
    writeFileSync(secretHeaders, 'X-Tenant-Key: cli-header-secret-456\n', { mode: 0o600 });
    const add = await admin(
      [
        '--json',
        'targets',
        'add',
        'cli-shop',
        `${probedUrl}/health?deep=1`,
        '--frequency',
        '30',
        '--timeout',
        '5',
        '--auth',
        'basic',
        '--auth-user',
        'probe',
        '--header',
        'X-Env: test',
        '--secret-header-file',
        secretHeaders,
      ],
      { env: { VIGIL_TARGET_PASSWORD: 'target-secret-123' } },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const created = json<{ id: number; auth: { hasPassword: boolean } }>(add);
    expect(created.auth).toEqual({ type: 'BASIC', username: 'probe', hasPassword: true });
    expect(add.stdout).not.toContain('target-secret-123');
    expect(add.stdout).not.toContain('cli-header-secret-456');

    const api = clientAs(t.url, 'admin');
    const list = await admin(['targets', '--json']);
    expect(list.code).toBe(0);
    const fromApi = await api.GET('/api/v1/targets', {
      params: { query: { limit: 500, offset: 0, sort: 'id' } },
    });
    expect(json(list)).toEqual(fromApi.data);

    const table = await viewer(['targets']);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'ID',
      'Name',
      'Status',
      'Last Updated',
      'Enabled',
      'Pass',
      'Fail',
    ]);
    expect(row.split(/\s{2,}/).map((s) => s.trim())).toEqual([
      String(created.id),
      'cli-shop',
      'NEW',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'yes',
      '0',
      '0',
    ]);

    const shown = await viewer(['targets', String(created.id)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^auth\.hasPassword\s+yes$/m);
    expect(shown.stdout).toMatch(/^frequencySeconds\s+30$/m);
    expect(shown.stdout).toMatch(/^passCount\s+0$/m);
    expect(shown.stdout).toMatch(/^headers\.X-Env\s+test$/m);
    expect(shown.stdout).toMatch(/^headers\.X-Tenant-Key\.secret\s+yes$/m);
    expect(shown.stdout).toMatch(/^headers\.X-Tenant-Key\.hasValue\s+yes$/m);
    expect(shown.stdout).not.toContain('target-secret-123');
    expect(shown.stdout).not.toContain('cli-header-secret-456');
    const one = await viewer(['--json', 'targets', String(created.id)]);
    const oneFromApi = await api.GET('/api/v1/targets/{id}', {
      params: { path: { id: created.id } },
    });
    expect(json(one)).toEqual(oneFromApi.data);

    const disable = await operator(['targets', String(created.id), 'disable']);
    expect(disable).toMatchObject({
      code: 0,
      stdout: `target ${created.id} (cli-shop) disabled\n`,
    });
    const enable = await operator(['targets', String(created.id), 'enable', '--json']);
    expect(enable.code).toBe(0);
    expect(json<{ enabled: boolean }>(enable).enabled).toBe(true);

    const probe = await operator(['targets', String(created.id), 'test']);
    expect(probe.code).toBe(0);
    expect(probe.stdout).toMatch(/^result\s+PASS$/m);
    expect(probe.stdout).toMatch(/^httpStatus\s+200$/m);
    expect(probe.stdout).toMatch(/^trace:\nStep\s+ms\s+Detail/m);
    expect(probe.stdout).toMatch(/^response\s+\d+/m);
    expect(probedHeaders.at(-1)).toMatchObject({
      'x-env': 'test',
      'x-tenant-key': 'cli-header-secret-456',
    });
    expect(probe.stdout).not.toContain('cli-header-secret-456');
    const after = await viewer(['targets']);
    expect(after.stdout).toMatch(
      new RegExp(`^\\s*${created.id}\\s+cli-shop\\s+PASS\\s+\\d{4}-\\S+Z\\s+yes\\s+1\\s+0$`, 'm'),
    );

    const rm = await admin(['targets', 'rm', String(created.id)]);
    expect(rm).toMatchObject({ code: 0, stdout: `deleted target ${created.id}\n` });
    const gone = await viewer(['targets', String(created.id)]);
    expect(gone.code).toBe(1);
  });

  it('links a target to Icinga with targets add and edit, and refuses half a link', async () => {
    const add = await admin([
      '--json',
      'targets',
      'add',
      'cli-bridged',
      `${probedUrl}/bridged`,
      '--disabled',
      '--icinga-site',
      'local',
      '--icinga-host',
      'web-01',
      '--icinga-service',
      'shop',
    ]);
    expect(add.stderr).toBe('');
    const created = json<{ id: number; icinga: unknown; icingaError: unknown }>(add);
    expect(created.icinga).toEqual({
      site: 'local',
      hostName: 'web-01',
      serviceDescription: 'shop',
    });
    expect(created.icingaError).toBeNull();
    const id = String(created.id);

    const host = await admin([
      'targets',
      'edit',
      id,
      '--icinga-site',
      'local',
      '--icinga-host',
      'db-01',
    ]);
    expect(host.code).toBe(0);
    expect(host.stdout).toMatch(/^icinga\.hostName\s+db-01$/m);
    const unknown = await admin([
      'targets',
      'edit',
      id,
      '--icinga-site',
      'nowhere',
      '--icinga-host',
      'x',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('icinga.site: unknown site nowhere (configured: local)');
    const half = await admin(['targets', 'edit', id, '--icinga-host', 'web-01']);
    expect(half.code).not.toBe(0);
    expect(half.stderr).toContain('--icinga-site and --icinga-host go together');
    const off = await admin(['--json', 'targets', 'edit', id, '--no-icinga']);
    expect(json<{ icinga: unknown }>(off).icinga).toBeNull();
    expect((await admin(['targets', 'rm', id])).code).toBe(0);
  });

  it('sets redirects, expected statuses, TLS, certificate expiry and bodyNotContains on add and edit', async () => {
    const ca = join(dir, 'ca.pem');
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      ca,
      '-days',
      '2',
      '-subj',
      '/CN=vigil cli CA',
    ]);
    const add = await admin([
      '--json',
      'targets',
      'add',
      'cli-parity',
      'https://127.0.0.1:1/',
      '--expect-status',
      '200,204',
      '--no-follow-redirects',
      '--body-not-contains',
      'maintenance',
      '--tls-ca-file',
      ca,
      '--tls-server-name',
      'shop.test',
      '--cert-expiry-days',
      '14',
      '--disabled',
    ]);
    expect([add.code, add.stderr]).toEqual([0, '']);
    const created = json<Record<string, unknown> & { id: number }>(add);
    expect(created).toMatchObject({
      expectedStatus: [200, 204],
      followRedirects: false,
      bodyNotContains: 'maintenance',
      tls: {
        caCertificate: readFileSync(ca, 'utf8'),
        insecureSkipVerify: false,
        serverName: 'shop.test',
      },
      certificateExpiryDays: 14,
    });

    const edit = await admin([
      '--json',
      'targets',
      'edit',
      String(created.id),
      '--expect-status',
      '2xx',
      '--follow-redirects',
      '--tls-insecure',
    ]);
    expect([edit.code, edit.stderr]).toEqual([0, '']);
    expect(json(edit)).toMatchObject({
      name: 'cli-parity',
      expectedStatus: '2xx',
      followRedirects: true,
      bodyNotContains: 'maintenance',
      tls: { caCertificate: null, insecureSkipVerify: true, serverName: null },
      certificateExpiryDays: 14,
    });

    const bad = await admin(['targets', 'edit', String(created.id), '--expect-status', '2yy']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('expectedStatus must be an HTTP status code');
    const nothing = await admin(['targets', 'edit', String(created.id)]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no field to change');
  });

  it('adds, lists, shows, disables and removes a notifier without printing its SMTP password', async () => {
    const add = await admin(
      [
        'notifiers',
        'add',
        'cli-ops',
        '--address',
        'ops@example.com,oncall@example.com',
        '--smtp-host',
        'mail.example',
        '--smtp-port',
        '587',
        '--smtp-user',
        'mailer',
        '--from',
        'vigil@example.com',
        '--json',
      ],
      { env: { VIGIL_SMTP_PASSWORD: 'smtp-secret-456' } },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).not.toContain('smtp-secret-456');
    const created = json<{ id: number; address: string[]; smtp: { hasPassword: boolean } }>(add);
    expect(created.address).toEqual(['ops@example.com', 'oncall@example.com']);
    expect(created.smtp.hasPassword).toBe(true);

    const api = clientAs(t.url, 'admin');
    const fromApi = await api.GET('/api/v1/notifiers', {
      params: { query: { limit: 500, offset: 0, sort: 'id' } },
    });
    expect(json(await viewer(['--json', 'notifiers']))).toEqual(fromApi.data);
    const table = await viewer(['notifiers']);
    expect(table.stdout.split('\n')[0].split(/\s{2,}/)).toEqual([
      'ID',
      'Name',
      'Type',
      'Enabled',
      'Recipients',
      'Server',
      'Sent',
      'Failed',
      'Last Sent',
    ]);
    expect(table.stdout).toContain('ops@example.com, oncall@example.com');
    expect(table.stdout).toContain('mail.example:587');

    const shown = await viewer(['notifiers', String(created.id)]);
    expect(shown.stdout).toMatch(/^smtp\.hasPassword\s+yes$/m);
    expect(shown.stdout).not.toContain('smtp-secret-456');
    const disable = await operator(['notifiers', String(created.id), 'disable']);
    expect(disable).toMatchObject({
      code: 0,
      stdout: `notifier ${created.id} (cli-ops) disabled\n`,
    });
    const rm = await admin(['notifiers', 'rm', String(created.id)]);
    expect(rm).toMatchObject({ code: 0, stdout: `deleted notifier ${created.id}\n` });
  });

  it('adds, edits and tests a webhook notifier without printing its URL or header values', async () => {
    const receiver = await startWebhookReceiver();
    const token = 'cli-webhook-token-731';
    const headerSecret = 'cli-webhook-header-824';
    try {
      const urlFile = join(dir, 'webhook-url');
      writeFileSync(urlFile, `${receiver.url}/hook?token=${token}\n`, { mode: 0o600 });
      const headerFile = join(dir, 'webhook-headers');
      writeFileSync(headerFile, `Authorization: Bearer ${headerSecret}\n`, { mode: 0o600 });
      const add = await admin([
        'notifiers',
        'add',
        'cli-chat',
        '--webhook-url-file',
        urlFile,
        '--format',
        'slack',
        '--header-file',
        headerFile,
      ]);
      expect([add.code, add.stderr]).toEqual([0, '']);
      expect(add.stdout).toMatch(/^webhook\.origin\s+http:\/\/127\.0\.0\.1:\d+$/m);
      expect(add.stdout).toMatch(/^webhook\.format\s+slack$/m);
      const id = /^created notifier (\d+)$/m.exec(add.stdout)?.[1] ?? '';

      const table = await viewer(['notifiers']);
      expect(table.stdout).toMatch(new RegExp(`cli-chat +WEBHOOK +yes +- +${receiver.url} `));
      const tested = await admin(['notifiers', id, 'test']);
      expect(tested.stdout).toMatch(/^response\s+200 OK$/m);

      const newUrlFile = join(dir, 'webhook-url-2');
      writeFileSync(newUrlFile, `${receiver.url}/moved?token=${token}\n`, { mode: 0o600 });
      const edit = await admin(['notifiers', 'edit', id, '--webhook-url-file', newUrlFile]);
      expect([edit.code, edit.stderr]).toEqual([0, '']);
      // the format is kept, though the webhook settings are replaced as a whole
      expect(edit.stdout).toMatch(/^webhook\.format\s+slack$/m);
      await admin(['notifiers', id, 'test']);
      expect(receiver.received.map((p) => [p.path, p.headers.authorization])).toEqual([
        [`/hook?token=${token}`, `Bearer ${headerSecret}`],
        [`/moved?token=${token}`, `Bearer ${headerSecret}`],
      ]);
      expect(JSON.parse(receiver.received[1].body)).toHaveProperty('text');

      const shown = await viewer(['--json', 'notifiers', id]);
      for (const out of [add, table, tested, edit, shown]) {
        expect(out.stdout + out.stderr).not.toContain(token);
        expect(out.stdout + out.stderr).not.toContain(headerSecret);
      }
      const nothing = await admin(['notifiers', 'edit', id]);
      expect(nothing).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('nothing to change'),
      });
    } finally {
      await receiver.close();
    }
  });

  it('sends a test mail through a notifier, and reports a refused login with exit 1', async () => {
    const good = await startSmtpServer();
    const refusing = await startSmtpServer({ refuseLogin: true });
    try {
      const add = async (name: string, port: number) =>
        json<{ id: number }>(
          await admin(
            [
              '--json',
              'notifiers',
              'add',
              name,
              '--address',
              'ops@example.com',
              '--smtp-host',
              '127.0.0.1',
              '--smtp-port',
              String(port),
              '--security',
              'none',
              '--smtp-user',
              'mailer',
              '--from',
              'vigil@example.com',
            ],
            { env: { VIGIL_SMTP_PASSWORD: 'smtp-secret-789' } },
          ),
        );
      const ok = await add('cli-mail-ok', good.port);
      const sent = await admin(['notifiers', String(ok.id), 'test']);
      expect(sent.code).toBe(0);
      expect(sent.stdout).toMatch(/^accepted\s+yes$/m);
      expect(good.received).toHaveLength(1);
      expect(good.received[0].to).toEqual(['ops@example.com']);

      const bad = await add('cli-mail-refused', refusing.port);
      const refused = await admin(['notifiers', String(bad.id), 'test']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/535/);
      expect(refused.stdout + refused.stderr).not.toContain('smtp-secret-789');
    } finally {
      await good.close();
      await refusing.close();
    }
  });

  describe('exit codes', () => {
    it('exits 2 on usage errors', async () => {
      const cases = [
        ['targets', '--bogus'],
        ['targets', 'abc'],
        ['targets', '1', 'frobnicate'],
        ['targets', 'add', 'only-a-name'],
        ['downtime', 'add', '--duration', 'soon', '--host', 'web-01', '--comment', 'x'],
        ['downtime', 'add', '--duration', '30m', '--comment', 'x'],
        ['no-such-command'],
        ['--url', 'ftp://example', 'targets'],
      ];
      const results = await Promise.all(cases.map((c) => admin(c)));
      results.forEach((r, i) => {
        expect({ args: cases[i], code: r.code }).toEqual({ args: cases[i], code: 2 });
        expect(r.stderr).not.toBe('');
        expect(r.stdout).toBe('');
      });
    });

    it('exits 1 with the problem detail on stderr when the API refuses', async () => {
      const missing = await viewer(['targets', '99999']);
      expect(missing.code).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(/^vigil: .*99999.*\n$/);
      const forbidden = await viewer(['targets', 'add', 'x', 'http://x.example/']);
      expect(forbidden.code).toBe(1);
      expect(forbidden.stderr).toMatch(/^vigil: .+/);
      const invalid = await admin(['targets', 'add', 'bad', 'not a url']);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toContain('url');
    });

    it('exits 3 when it cannot connect or is not authenticated', async () => {
      const wrong = await runCli(['targets'], {
        env: { VIGIL_URL: t.url, VIGIL_USER: 'ada', VIGIL_PASSWORD: 'wrong-password' },
      });
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toContain('not authenticated as ada');
      expect(wrong.stderr).not.toContain('wrong-password');

      const port = await closedPort();
      const closed = await runCli(['--url', `http://127.0.0.1:${port}`, 'sites'], {
        env: { VIGIL_PASSWORD: 'x' },
      });
      expect(closed.code).toBe(3);
      expect(closed.stderr).toBe(
        `vigil: cannot connect to http://127.0.0.1:${port}/: ECONNREFUSED\n`,
      );

      const noPassword = await runCli(['--url', t.url, '--user', 'ada', 'targets']);
      expect(noPassword.code).toBe(3);
      expect(noPassword.stderr).toContain('no password');
    });
  });

  it('reads the password from --password-file, which wins over VIGIL_PASSWORD', async () => {
    const file = join(dir, 'password');
    writeFileSync(file, `${TEST_USERS.viewer.password}\n`);
    const r = await runCli(['--url', t.url, '--user', 'vera', '--password-file', file, 'targets'], {
      env: { VIGIL_PASSWORD: 'not-this-one' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+Name/);
  });

  it('prints a bcrypt hash of a password read from stdin, or a users-file line', async () => {
    const plain = await runCli(['hash-password', '--rounds', '4'], { input: 'correct horse\n' });
    expect(plain.code).toBe(0);
    const hash = plain.stdout.trim();
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(compareSync('correct horse', hash)).toBe(true);
    const line = await runCli(
      ['hash-password', '--rounds', '4', '--name', 'ann', '--role', 'admin'],
      {
        input: 's3cret',
      },
    );
    const [name, lineHash, role] = line.stdout.trim().split(':');
    expect([name, role]).toEqual(['ann', 'admin']);
    expect(compareSync('s3cret', lineHash)).toBe(true);
    expect(line.stdout).not.toContain('s3cret');
  });

  it('runs as bin/vigil.js, as npx vigil does', async () => {
    const version = await runCli(['--version'], { bin: true });
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const me = await runCli(['--json', 'targets'], {
      bin: true,
      env: { VIGIL_URL: t.url, VIGIL_USER: 'vera', VIGIL_PASSWORD: TEST_USERS.viewer.password },
    });
    expect(me.code).toBe(0);
    expect(json(me)).toHaveProperty('total');
  });

  it('starts the server with vigil serve', async () => {
    const port = await closedPort();
    const data = mkdtempSync(join(tmpdir(), 'vigil-cli-serve-'));
    const built = existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'));
    const entry = built
      ? [join(ROOT, 'bin', 'vigil.js')]
      : ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'cli', 'main.ts')];
    const child = spawn(process.execPath, [...entry, 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        VIGIL_HOST: '127.0.0.1',
        VIGIL_PORT: String(port),
        VIGIL_DATA_DIR: data,
        VIGIL_DATABASE_URL: `sqlite:${join(data, 'vigil.sqlite')}`,
        VIGIL_USERS: `ada:${'$2b$04$'.padEnd(60, 'x')}:admin`,
        VIGIL_PROBING_ENABLED: 'false',
      },
      stdio: 'ignore',
    });
    try {
      let health: unknown;
      const deadline = Date.now() + 40000;
      while (Date.now() < deadline && !health) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        health = await fetch(`http://127.0.0.1:${port}/health`)
          .then((r) => r.json())
          .catch(() => undefined);
      }
      expect(health).toMatchObject({ status: 'ok', database: 'up' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    }
  });
});
