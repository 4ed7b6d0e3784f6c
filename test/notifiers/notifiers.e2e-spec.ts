import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { components } from '../../openapi/client';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { NotifiersService } from '../../src/notifiers/notifiers.service';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { databaseKinds } from '../support/database';

type Notifier = components['schemas']['NotifierDto'];
type Role = keyof typeof TEST_USERS;
type Method = 'get' | 'post' | 'patch' | 'delete';

const SMTP_PASSWORD = 'smtp-relay-Pw-5e8a21';
const NEW_SMTP_PASSWORD = 'smtp-relay-Pw-new-c04f7d';

describe.each(databaseKinds())('notifiers on %s', (kind) => {
  let t: TestApp;
  const answers: string[] = [];
  const events: { name: string; notifierId?: number }[] = [];

  async function send(role: Role, method: Method, path: string, body?: object) {
    const req = request(t.url)[method](path).set('Authorization', basicAuth(TEST_USERS[role]));
    const res = body === undefined ? await req : await req.send(body);
    answers.push(res.text);
    return res;
  }

  const smtp = {
    host: 'mail.example.test',
    security: 'tls' as const,
    username: 'vigil',
    password: SMTP_PASSWORD,
    from: 'vigil@example.test',
  };

  async function create(name: string, extra: object = {}): Promise<Notifier> {
    const res = await send('admin', 'post', '/api/v1/notifiers', {
      name,
      address: ['ops@example.test'],
      smtp,
      ...extra,
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return res.body as Notifier;
  }

  async function rawPassword(id: number): Promise<string | null> {
    const rows = await t.app
      .get(DataSource)
      .query<{ smtp_password: string | null }[]>(
        `SELECT smtp_password FROM notifiers WHERE id = ${Number(id)}`,
      );
    return rows[0].smtp_password;
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.app.get(EventEmitter2).onAny((name, payload) => {
      if (String(name).startsWith('notifier.')) {
        events.push({ name: String(name), ...(payload as { notifierId: number }) });
      }
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, reads, lists, changes, switches and deletes a notifier', async () => {
    const client = clientAs(t.url, 'admin');
    const created = await client.POST('/api/v1/notifiers', {
      body: {
        name: 'on-call',
        address: ['ops@example.test', 'root@localhost'],
        smtp: { ...smtp },
      },
    });
    answers.push(JSON.stringify(created.data));
    expect(created.response.status).toBe(201);
    expect(created.data).toEqual({
      id: expect.any(Number),
      name: 'on-call',
      type: 'SMTP',
      address: ['ops@example.test', 'root@localhost'],
      smtp: {
        host: 'mail.example.test',
        port: 465,
        security: 'tls',
        username: 'vigil',
        hasPassword: true,
        from: 'vigil@example.test',
      },
      enabled: true,
      sentCount: 0,
      failedCount: 0,
      lastError: null,
      lastSentAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.data!.id;

    const got = await client.GET('/api/v1/notifiers/{id}', { params: { path: { id } } });
    expect(got.data).toEqual(created.data);
    const list = await client.GET('/api/v1/notifiers', {
      params: { query: { limit: 10, offset: 0, q: 'call' } },
    });
    expect(list.data).toEqual({ items: [created.data], total: 1 });

    const stored = await rawPassword(id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(SMTP_PASSWORD);
    expect(t.app.get(SecretBox).decrypt(stored!)).toBe(SMTP_PASSWORD);

    // replacing smtp without a password keeps the stored one
    const changed = await send('admin', 'patch', `/api/v1/notifiers/${id}`, {
      address: ['noc@example.test'],
      smtp: { host: '10.0.0.25', security: 'starttls', username: 'vigil', from: 'a@b.test' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      address: ['noc@example.test'],
      smtp: { host: '10.0.0.25', port: 587, security: 'starttls', hasPassword: true },
    });
    expect(t.app.get(SecretBox).decrypt((await rawPassword(id))!)).toBe(SMTP_PASSWORD);
    await send('admin', 'patch', `/api/v1/notifiers/${id}`, {
      smtp: { ...smtp, password: NEW_SMTP_PASSWORD },
    }).then((res) => expect(res.status).toBe(200));
    expect(t.app.get(SecretBox).decrypt((await rawPassword(id))!)).toBe(NEW_SMTP_PASSWORD);

    const [delivery] = await t.app.get(NotifiersService).forDelivery([id]);
    expect(delivery.smtp).toMatchObject({ username: 'vigil', password: NEW_SMTP_PASSWORD });

    const off = await send('operator', 'post', `/api/v1/notifiers/${id}/disable`);
    expect([off.status, off.body.enabled]).toEqual([200, false]);
    expect(await t.app.get(NotifiersService).forDelivery([])).toEqual([]);
    const on = await send('operator', 'post', `/api/v1/notifiers/${id}/enable`);
    expect([on.status, on.body.enabled]).toEqual([200, true]);

    const deleted = await send('admin', 'delete', `/api/v1/notifiers/${id}`);
    expect(deleted.status).toBe(204);
    expect((await send('viewer', 'get', `/api/v1/notifiers/${id}`)).status).toBe(404);
    expect(events.filter((e) => e.notifierId === id).map((e) => e.name)).toEqual([
      'notifier.created',
      'notifier.updated',
      'notifier.updated',
      'notifier.disabled',
      'notifier.enabled',
      'notifier.deleted',
    ]);
  });

  it('accepts a server without login, and refuses a username without password', async () => {
    const open = await create('no-login', {
      smtp: { host: 'localhost', security: 'none', from: 'v@localhost' },
    });
    expect(open.smtp).toEqual({
      host: 'localhost',
      port: 25,
      security: 'none',
      hasPassword: false,
      from: 'v@localhost',
    });
    const res = await send('admin', 'patch', `/api/v1/notifiers/${open.id}`, {
      smtp: { host: 'localhost', username: 'u', from: 'v@localhost' },
    });
    expect([res.status, fields(res)]).toEqual([400, ['smtp.password']]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no recipients', { address: [] }, 'address'],
    ['a recipient that is no address', { address: ['not-an-address'] }, 'address'],
    ['no smtp settings', { smtp: undefined }, 'smtp'],
    ['an unknown type', { type: 'SLACK' }, 'type'],
    ['a port of 0', { smtp: { ...smtp, port: 0 } }, 'smtp.port'],
    ['an unknown security', { smtp: { ...smtp, security: 'ssl' } }, 'smtp.security'],
    ['a host with a space', { smtp: { ...smtp, host: 'mail host' } }, 'smtp.host'],
    ['a sender that is no address', { smtp: { ...smtp, from: 'vigil' } }, 'smtp.from'],
    ['a password without username', { smtp: { ...smtp, username: undefined } }, 'smtp.username'],
    ['an unknown smtp field', { smtp: { ...smtp, tls: true } }, 'smtp.tls'],
  ])('answers 400 naming the field for %s', async (_what, extra, field) => {
    const res = await send('admin', 'post', '/api/v1/notifiers', {
      name: `bad-${field}`,
      address: ['ops@example.test'],
      smtp,
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toContain(field);
  });

  it('answers 409 to a duplicate name and 404 to an unknown id', async () => {
    await create('Mailer');
    const dup = await send('admin', 'post', '/api/v1/notifiers', {
      name: 'mailer',
      address: ['x@example.test'],
      smtp,
    });
    expect(dup.status).toBe(409);
    for (const [method, path] of [
      ['get', '/api/v1/notifiers/777777'],
      ['patch', '/api/v1/notifiers/777777'],
      ['delete', '/api/v1/notifiers/777777'],
      ['post', '/api/v1/notifiers/777777/enable'],
    ] as const) {
      const res = await send('admin', method, path, method === 'patch' ? {} : undefined);
      expect([method, res.status]).toEqual([method, 404]);
    }
  });

  it('lets targets name notifiers, refuses unknown ids, and keeps a used notifier from deletion', async () => {
    const used = await create('used-by-target');
    const target = await send('admin', 'post', '/api/v1/targets', {
      name: 'notifying',
      url: 'http://localhost/',
      notifierIds: [used.id],
    });
    expect([target.status, target.body.notifierIds]).toEqual([201, [used.id]]);
    const refused = await send('admin', 'delete', `/api/v1/notifiers/${used.id}`);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.text).detail).toContain('"notifying"');
    await send('admin', 'patch', `/api/v1/targets/${target.body.id}`, { notifierIds: [] });
    expect((await send('admin', 'delete', `/api/v1/notifiers/${used.id}`)).status).toBe(204);
  });

  it('enforces roles: viewers read, operators switch, only admins define', async () => {
    const n = await create('roles');
    const path = `/api/v1/notifiers/${n.id}`;
    const cases: [Role, Method, string, number][] = [
      ['viewer', 'get', '/api/v1/notifiers', 200],
      ['viewer', 'get', path, 200],
      ['viewer', 'post', `${path}/enable`, 403],
      ['operator', 'post', '/api/v1/notifiers', 403],
      ['operator', 'patch', path, 403],
      ['operator', 'delete', path, 403],
      ['operator', 'post', `${path}/disable`, 200],
    ];
    for (const [role, method, url, status] of cases) {
      const res = await send(role, method, url, method === 'patch' ? {} : undefined);
      expect([role, method, url, res.status]).toEqual([role, method, url, status]);
    }
  });

  it('never answers or logs a stored password', () => {
    const everything = [...answers, ...t.logger.lines].join('\n');
    for (const secret of [SMTP_PASSWORD, NEW_SMTP_PASSWORD]) {
      expect(everything).not.toContain(secret);
    }
    expect(answers.join('\n')).not.toMatch(/"password"/);
  });
});

function fields(res: request.Response): string[] {
  const body = JSON.parse(res.text) as { errors?: { field: string }[] };
  return (body.errors ?? []).map((e) => e.field);
}
