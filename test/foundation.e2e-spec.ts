import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/auth/users.service';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from './support/app';
import { clientAs } from './support/client';
import { databaseKinds } from './support/database';

describe.each(databaseKinds())('foundation on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers GET /health without credentials, 200 without any Icinga on the machine', async () => {
    const res = await request(t.url).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      sites: [
        {
          name: 'local',
          kind: 'livestatus',
          reachable: false,
          latencyMs: expect.any(Number) as number,
          checkedAt: expect.any(String) as string,
          error:
            'livestatus site local (unix:/var/run/icinga2/cmd/livestatus): no socket at this path (ENOENT)',
        },
      ],
      commandPipe: {
        path: '/var/run/icinga2/cmd/icinga2.cmd',
        present: false,
        hasReader: false,
        error: 'it does not exist',
      },
      mail: { pending: 0, dead: 0 },
      probing: {
        targets: 0,
        queued: 0,
        lostResults: 0,
        writesFailingSince: null,
        scheduleLagMs: null,
        shards: 0,
        fencedOut: 0,
      },
      jobs: expect.any(Array) as unknown[],
    });
    const job = (name: string, everyMs: number) => ({
      name,
      everyMs,
      runs: expect.any(Number) as number,
      failures: 0,
      lastFailureAt: null,
    });
    const jobs = [
      // on MySQL/MariaDB the instance takes part in leasing (VIGIL_CLUSTER=auto), every lease / 3
      ...(kind === 'mysql' ? [job('cluster.leases', 3333)] : []),
      // the Icinga bridge looks for results due every 5 s (its refresh is 300 s)
      job('icinga-bridge.refresh', 5000),
      job('notifications.outbox-poll', 1000),
      job('probe-results.prune', 3_600_000),
    ];
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...(res.body as { jobs: { name: string }[] }).jobs].sort(byName)).toEqual(jobs);
    await request(t.url).get('/health/live').expect(200, { status: 'ok' });
    await request(t.url)
      .get('/health/ready')
      .expect(200, { status: 'ok', database: 'up', migrations: 'done' });
  });

  it('serves Swagger UI at /docs and the spec at /openapi.json', async () => {
    const docs = await request(t.url).get('/docs').redirects(1).expect(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.text).toContain('swagger');
    const spec = await request(t.url).get('/openapi.json').expect(200);
    expect(spec.body.paths['/api/v1/me'].get.operationId).toBe('getMe');
    const yaml = await request(t.url).get('/openapi.yaml').expect(200);
    expect(yaml.text).toContain('operationId: getMe');
  });

  it('serves Swagger UI from its own files, and redirects GET / to it', async () => {
    const page = await request(t.url).get('/docs/').expect(200);
    expect(page.text).toContain('swagger-initializer.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    await request(t.url).get('/docs/swagger-ui-bundle.js').expect(200);
    const init = await request(t.url).get('/docs/swagger-initializer.js').expect(200);
    expect(init.text).toContain("'../openapi.json'");
    const root = await request(t.url).get('/').expect(302);
    expect(root.headers.location).toBe('docs/');
  });

  it.each(Object.entries(TEST_USERS))('tells the %s who they are', async (role, user) => {
    const { data, response } = await clientAs(t.url, role as keyof typeof TEST_USERS).GET(
      '/api/v1/me',
    );
    expect(response.status).toBe(200);
    expect(data).toEqual({ name: user.name, role });
  });

  it('answers 401 with a Basic challenge and problem+json without credentials', async () => {
    const res = await request(t.url).get('/api/v1/me').expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="vigil"/);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: expect.any(String),
      instance: '/api/v1/me',
    });
  });

  it('answers 401 to a wrong password and to an unknown user', async () => {
    for (const user of [
      { name: TEST_USERS.admin.name, password: 'wrong' },
      { name: 'nobody', password: TEST_USERS.admin.password },
    ]) {
      const res = await request(t.url)
        .get('/api/v1/me')
        .set('Authorization', basicAuth(user))
        .expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="vigil"/);
      expect(JSON.parse(res.text).status).toBe(401);
    }
  });

  it('refuses a viewer and an operator on an admin-only route with 403', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const res = await request(t.url)
        .get('/api/v1/users')
        .set('Authorization', basicAuth(TEST_USERS[role]))
        .expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.text)).toMatchObject({ status: 403, title: 'Forbidden' });
    }
  });

  it('lists the users to an admin, sorted and paginated', async () => {
    const { data } = await clientAs(t.url, 'admin').GET('/api/v1/users', {
      params: { query: { limit: 2, offset: 1 } },
    });
    expect(data).toEqual({
      items: [
        { name: 'otto', role: 'operator', source: 'config' },
        { name: 'vera', role: 'viewer', source: 'config' },
      ],
      total: 3,
    });
  });

  it('answers invalid query parameters with 400 naming each field', async () => {
    const res = await request(t.url)
      .get('/api/v1/users?limit=0&offset=-1&colour=blue')
      .set('Authorization', basicAuth(TEST_USERS.admin))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text);
    expect(body.type).toBe('urn:vigil:problem:validation');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'colour',
      'limit',
      'offset',
    ]);
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await request(t.url)
      .get('/api/v1/nothing-here')
      .set('Authorization', basicAuth(TEST_USERS.admin))
      .expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('logs each request with its user, and never a password', async () => {
    await request(t.url).get('/api/v1/me').set('Authorization', basicAuth(TEST_USERS.operator));
    const line = t.logger.lines.find(
      (l) => l.includes('GET /api/v1/me 200') && l.includes('user=otto'),
    );
    expect(line).toBeDefined();
    const all = t.logger.lines.join('\n');
    for (const user of Object.values(TEST_USERS)) {
      expect(all).not.toContain(user.password);
      expect(all).not.toContain(Buffer.from(`${user.name}:${user.password}`).toString('base64'));
    }
    expect(all).toContain('Failed login for user "ada"');
  });

  it('answers 503 on /health when the database is gone', async () => {
    const other = await startTestApp(kind);
    try {
      await other.app.get(DataSource).destroy();
      const res = await request(other.url).get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'error', database: 'down' });
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});

describe('with the docs turned off', () => {
  it('answers /, /docs and /openapi.json with 404 problem+json', async () => {
    const t = await startTestApp('sqlite', { VIGIL_DOCS_ENABLED: 'false' });
    try {
      for (const path of ['/', '/docs', '/docs/', '/openapi.json', '/openapi.yaml']) {
        const res = await request(t.url).get(path);
        expect([path, res.status, res.headers['content-type']]).toEqual([
          path,
          404,
          expect.stringMatching(/^application\/problem\+json/),
        ]);
      }
    } finally {
      await t.close();
    }
  });
});

describe.each(databaseKinds())('users stored in the database on %s', (kind) => {
  it('creates the first admin once, prints its password once and stores only a hash', async () => {
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
    let first: TestApp | undefined;
    try {
      first = await startTestApp(kind, { VIGIL_USERS: '' });
      const match = /password of user "admin" is: (\S+)/.exec(printed.join(''));
      expect(match).not.toBeNull();
      const password = match![1];
      expect(password.length).toBeGreaterThanOrEqual(20);

      const me = await request(first.url)
        .get('/api/v1/me')
        .set('Authorization', basicAuth({ name: 'admin', password }))
        .expect(200);
      expect(me.body).toEqual({ name: 'admin', role: 'admin' });

      const rows = await first.app
        .get(DataSource)
        .query<{ name: string; password_hash: string }[]>('SELECT name, password_hash FROM users');
      expect(rows).toHaveLength(1);
      expect(rows[0].password_hash).toMatch(/^\$2b\$12\$/);
      expect(JSON.stringify(rows)).not.toContain(password);
      expect(first.logger.lines.join('\n')).not.toContain(password);
      const file = join(first.dataDir, 'initial-admin-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe(`${password}\n`);

      // a second start on the same database prints nothing and keeps the password
      printed.length = 0;
      const again = await first.restart();
      try {
        expect(printed.join('')).not.toContain('password of user');
        await request(again.url)
          .get('/api/v1/me')
          .set('Authorization', basicAuth({ name: 'admin', password }))
          .expect(200);
      } finally {
        await again.stop();
      }
    } finally {
      spy.mockRestore();
      await first?.close();
    }
  });

  it('removes the initial password file once that password is changed', async () => {
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
    let t: TestApp | undefined;
    try {
      t = await startTestApp(kind, { VIGIL_USERS: '' });
      const file = join(t.dataDir, 'initial-admin-password');
      expect(existsSync(file)).toBe(true);
      // another user changes nothing about the admin's password
      await t.app.get(UsersService).saveUser('vic', 'viewer-password', 'viewer');
      expect(existsSync(file)).toBe(true);
      // a restart keeps the file while the password is still the one in it
      const again = await t.restart();
      await again.stop();
      expect(existsSync(file)).toBe(true);

      const next = await t.restart();
      try {
        await next.app.get(UsersService).saveUser('admin', 'a-new-admin-password', 'admin');
        expect(existsSync(file)).toBe(false);
        expect(next.logger.lines.join('\n')).toContain(
          `Removed ${file}: the password of user "admin" has changed`,
        );
      } finally {
        await next.stop();
      }
    } finally {
      spy.mockRestore();
      await t?.close();
    }
  });

  it('removes the initial password file at start when an admin is configured', async () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let t: TestApp | undefined;
    try {
      t = await startTestApp(kind, { VIGIL_USERS: '' });
      const file = join(t.dataDir, 'initial-admin-password');
      expect(existsSync(file)).toBe(true);
      await t.stop();
      const configured = await startTestApp(kind, {
        VIGIL_DATA_DIR: t.dataDir,
        VIGIL_DATABASE_URL: t.database.url,
      });
      try {
        expect(existsSync(file)).toBe(false);
      } finally {
        await configured.close(); // drops only the database and directory it made and did not use
      }
    } finally {
      spy.mockRestore();
      await t?.close();
    }
  });

  it('forgets a cached credential as soon as the password changes', async () => {
    const t = await startTestApp(kind, { VIGIL_USERS: '' });
    try {
      const users = t.app.get(UsersService);
      await users.saveUser('vic', 'first-password', 'viewer');
      const old = basicAuth({ name: 'vic', password: 'first-password' });
      await request(t.url).get('/api/v1/me').set('Authorization', old).expect(200);
      await request(t.url).get('/api/v1/me').set('Authorization', old).expect(200);
      await users.saveUser('vic', 'second-password', 'operator');
      await request(t.url).get('/api/v1/me').set('Authorization', old).expect(401);
      const now = await request(t.url)
        .get('/api/v1/me')
        .set('Authorization', basicAuth({ name: 'vic', password: 'second-password' }))
        .expect(200);
      expect(now.body).toEqual({ name: 'vic', role: 'operator' });
    } finally {
      await t.close();
    }
  });
  it('takes a password holding colons, and answers 401 to a header without one', async () => {
    const t = await startTestApp(kind, { VIGIL_USERS: '' });
    try {
      await t.app.get(UsersService).saveUser('cole', 'pass:word:', 'viewer');
      const res = await request(t.url)
        .get('/api/v1/me')
        .set('Authorization', basicAuth({ name: 'cole', password: 'pass:word:' }))
        .expect(200);
      expect(res.body).toEqual({ name: 'cole', role: 'viewer' });
      for (const header of [
        basicAuth({ name: 'cole', password: 'pass' }),
        `Basic ${Buffer.from('cole').toString('base64')}`,
        `Basic ${Buffer.from('cole:').toString('base64')}`,
        `Bearer ${Buffer.from('cole:pass:word:').toString('base64')}`,
        'Basic',
      ]) {
        const refused = await request(t.url).get('/api/v1/me').set('Authorization', header);
        expect(refused.status).toBe(401);
        expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="vigil"/);
      }
    } finally {
      await t.close();
    }
  });
});

describe('failed login throttling', () => {
  it('answers 429 with Retry-After once an address has failed too often', async () => {
    const t = await startTestApp('sqlite', {
      VIGIL_AUTH_MAX_FAILURES: '3',
      VIGIL_AUTH_FAILURE_WINDOW_SECONDS: '600',
    });
    try {
      const wrong = basicAuth({ name: TEST_USERS.admin.name, password: 'guess' });
      for (let i = 0; i < 3; i++) {
        await request(t.url).get('/api/v1/me').set('Authorization', wrong).expect(401);
      }
      const res = await request(t.url)
        .get('/api/v1/me')
        .set('Authorization', basicAuth(TEST_USERS.admin))
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(590);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.text).detail).toMatch(/Too many failed logins/);
    } finally {
      await t.close();
    }
  });
});
