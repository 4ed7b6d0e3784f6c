import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { loadConfig } from '../../src/app.config';
import type { components } from '../../openapi/client';
import { TargetsService } from '../../src/targets/targets.service';
import {
  basicAuth,
  CapturingLogger,
  type RunningApp,
  startTestApp,
  TEST_USERS,
  type TestApp,
} from '../support/app';
import { clientAs } from '../support/client';
import { databaseKinds } from '../support/database';
import { until } from '../support/until';

type CreateTarget = components['schemas']['CreateTargetDto'];
type Target = components['schemas']['TargetDto'];
type Role = keyof typeof TEST_USERS;

const BASIC_PASSWORD = 'basic-target-Pw-4f1c9e';
const KEYSTONE_PASSWORD = 'keystone-target-Pw-7b2d80';
const OTHER_PASSWORD = 'changed-target-Pw-93ac11';
const SECRETS = [BASIC_PASSWORD, KEYSTONE_PASSWORD, OTHER_PASSWORD];

interface Captured {
  name: string;
  payload: { targetId?: number; target?: Target };
}

describe.each(databaseKinds())('targets on %s', (kind) => {
  let t: TestApp;
  /** Every response body seen, searched for passwords at the end. */
  const answers: string[] = [];
  const events: Captured[] = [];

  const call = (role: Role, method: 'get' | 'post' | 'patch' | 'delete', path: string) =>
    request(t.url)[method](path).set('Authorization', basicAuth(TEST_USERS[role]));

  async function send(
    role: Role,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ): Promise<request.Response> {
    const req = call(role, method, path);
    const res = body === undefined ? await req : await req.send(body);
    answers.push(res.text);
    return res;
  }

  async function create(body: Partial<CreateTarget> & { name: string }): Promise<Target> {
    const res = await send('admin', 'post', '/api/v1/targets', {
      url: 'http://localhost/',
      ...body,
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return res.body as Target;
  }

  async function rawPassword(id: number): Promise<string | null> {
    const rows = await t.app
      .get(DataSource)
      .query<{ auth_password: string | null }[]>(
        `SELECT auth_password FROM targets WHERE id = ${Number(id)}`,
      );
    return rows[0].auth_password;
  }

  function eventsFor(id: number): string[] {
    return events.filter((e) => e.payload.targetId === id).map((e) => e.name);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.app.get(EventEmitter2).onAny((name, payload) => {
      if (String(name).startsWith('target.')) {
        // as a subscriber would forward it: the dates become ISO strings
        events.push({ name: String(name), payload: JSON.parse(JSON.stringify(payload)) });
      }
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, reads and lists a target with no auth, with every default filled in', async () => {
    const client = clientAs(t.url, 'admin');
    const { data, response } = await client.POST('/api/v1/targets', {
      body: { name: 'plain', url: 'https://example.test/health?deep=1&x=%20y' },
    });
    expect(response.status).toBe(201);
    answers.push(JSON.stringify(data));
    expect(data).toEqual({
      id: expect.any(Number),
      name: 'plain',
      url: 'https://example.test/health?deep=1&x=%20y',
      method: 'GET',
      headers: {},
      body: null,
      auth: { type: 'NONE', hasPassword: false },
      frequencySeconds: 60,
      timeoutSeconds: 10,
      expectedStatus: 200,
      followRedirects: true,
      bodyContains: null,
      bodyNotContains: null,
      bodyRegex: null,
      jsonPath: null,
      maxResponseTimeMs: null,
      tls: { caCertificate: null, insecureSkipVerify: false, serverName: null },
      certificateExpiryDays: null,
      failureThreshold: 1,
      recoveryThreshold: 1,
      enabled: true,
      notifierIds: [],
      status: 'NEW',
      statusDescription: null,
      previousStatus: null,
      lastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      lastProbeAt: null,
      lastResponseTimeMs: null,
      passCount: 0,
      failCount: 0,
      status2xxCount: 0,
      status3xxCount: 0,
      status4xxCount: 0,
      status5xxCount: 0,
      networkFailCount: 0,
      repeatedFailCount: 0,
      icinga: null,
      icingaError: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = data!.id;
    const got = await client.GET('/api/v1/targets/{id}', { params: { path: { id } } });
    expect(got.data).toEqual(data);
    const list = await client.GET('/api/v1/targets', {
      params: { query: { q: 'plain', limit: 50, offset: 0 } },
    });
    expect(list.data).toEqual({ items: [data], total: 1 });
    expect(eventsFor(id)).toEqual(['target.created']);
    expect(events.find((e) => e.payload.targetId === id)?.payload.target).toEqual(data);
  });

  it('creates a BASIC target, answering hasPassword and storing only ciphertext', async () => {
    const target = await create({
      name: 'basic',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Trace': 'yes' },
      body: '{"ping":true}',
      auth: { type: 'BASIC', username: 'probe', password: BASIC_PASSWORD },
      frequencySeconds: 5,
      timeoutSeconds: 5,
      expectedStatus: 204,
      bodyContains: 'ok',
      bodyRegex: '^\\{.*\\}$',
      jsonPath: '$.checks.0.ok',
      jsonEquals: null,
      maxResponseTimeMs: 800,
      failureThreshold: 3,
      recoveryThreshold: 2,
    });
    expect(target).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Trace': 'yes' },
      body: '{"ping":true}',
      auth: { type: 'BASIC', username: 'probe', hasPassword: true },
      frequencySeconds: 5,
      timeoutSeconds: 5,
      expectedStatus: 204,
      bodyContains: 'ok',
      bodyRegex: '^\\{.*\\}$',
      jsonPath: '$.checks.0.ok',
      jsonEquals: null,
      maxResponseTimeMs: 800,
      failureThreshold: 3,
      recoveryThreshold: 2,
    });
    expect(Object.keys(target.auth).sort()).toEqual(['hasPassword', 'type', 'username']);

    const stored = await rawPassword(target.id);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(BASIC_PASSWORD);
    expect(t.app.get(SecretBox).decrypt(stored!)).toBe(BASIC_PASSWORD);

    const forProbing = await t.app.get(TargetsService).forProbing(target.id);
    expect(forProbing).toMatchObject({
      url: 'http://localhost/',
      auth: { type: 'BASIC', username: 'probe', password: BASIC_PASSWORD },
      jsonPath: '$.checks.0.ok',
      jsonEquals: null,
    });
  });

  it('creates OPENSTACK targets for Keystone v3 and v2.0', async () => {
    const v3 = await create({
      name: 'keystone-v3',
      auth: {
        type: 'OPENSTACK',
        authUrl: 'https://keystone.test:5000/v3',
        username: 'svc',
        password: KEYSTONE_PASSWORD,
        projectName: 'monitoring',
      },
    });
    expect(v3.auth).toEqual({
      type: 'OPENSTACK',
      authUrl: 'https://keystone.test:5000/v3',
      keystoneVersion: 'v3',
      username: 'svc',
      hasPassword: true,
      projectName: 'monitoring',
      userDomain: 'Default',
      projectDomain: 'Default',
    });
    const v2 = await create({
      name: 'keystone-v2',
      auth: {
        type: 'OPENSTACK',
        authUrl: 'http://keystone.test:5000/v2.0',
        keystoneVersion: 'v2.0',
        username: 'svc',
        password: KEYSTONE_PASSWORD,
        tenantName: 'ops',
      },
    });
    expect(v2.auth).toEqual({
      type: 'OPENSTACK',
      authUrl: 'http://keystone.test:5000/v2.0',
      keystoneVersion: 'v2.0',
      username: 'svc',
      hasPassword: true,
      tenantName: 'ops',
    });
    for (const id of [v3.id, v2.id]) {
      const stored = await rawPassword(id);
      expect(stored).toMatch(/^v1:/);
      expect(stored).not.toContain(KEYSTONE_PASSWORD);
    }
    // a new IV each time: the same password is stored differently
    expect(await rawPassword(v3.id)).not.toBe(await rawPassword(v2.id));
  });

  describe('PATCH', () => {
    it('changes only the given fields and keeps the stored password when it is left out', async () => {
      const target = await create({
        name: 'patch-me',
        auth: { type: 'BASIC', username: 'a', password: BASIC_PASSWORD },
        bodyRegex: 'up',
        maxResponseTimeMs: 500,
      });
      const before = await rawPassword(target.id);
      const { data, response } = await clientAs(t.url, 'admin').PATCH('/api/v1/targets/{id}', {
        params: { path: { id: target.id } },
        body: { url: 'http://localhost:8080/v2?full=1', bodyRegex: null, maxResponseTimeMs: null },
      });
      answers.push(JSON.stringify(data));
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        name: 'patch-me',
        url: 'http://localhost:8080/v2?full=1',
        bodyRegex: null,
        maxResponseTimeMs: null,
        auth: { type: 'BASIC', username: 'a', hasPassword: true },
      });
      expect(await rawPassword(target.id)).toBe(before);

      // a new auth object without password, same type: the password stays
      const renamed = await send('admin', 'patch', `/api/v1/targets/${target.id}`, {
        auth: { type: 'BASIC', username: 'b' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.auth).toEqual({ type: 'BASIC', username: 'b', hasPassword: true });
      expect(t.app.get(SecretBox).decrypt((await rawPassword(target.id))!)).toBe(BASIC_PASSWORD);

      // a new password replaces it
      await send('admin', 'patch', `/api/v1/targets/${target.id}`, {
        auth: { type: 'BASIC', username: 'b', password: OTHER_PASSWORD },
      }).then((res) => expect(res.status).toBe(200));
      expect(t.app.get(SecretBox).decrypt((await rawPassword(target.id))!)).toBe(OTHER_PASSWORD);

      // NONE drops it
      const none = await send('admin', 'patch', `/api/v1/targets/${target.id}`, {
        auth: { type: 'NONE' },
      });
      expect(none.body.auth).toEqual({ type: 'NONE', hasPassword: false });
      expect(await rawPassword(target.id)).toBeNull();
      expect(eventsFor(target.id)).toEqual([
        'target.created',
        'target.updated',
        'target.updated',
        'target.updated',
        'target.updated',
      ]);
      const last = events.filter((e) => e.payload.targetId === target.id).pop();
      expect(last?.payload.target).toEqual(none.body);
    });

    it('applies the rules to the merged result and names the field', async () => {
      const target = await create({
        name: 'merged',
        frequencySeconds: 30,
        timeoutSeconds: 20,
        jsonPath: 'status',
        jsonEquals: 'ok',
      });
      const cases: [object, string][] = [
        [{ frequencySeconds: 10 }, 'frequencySeconds'],
        [{ timeoutSeconds: 31 }, 'timeoutSeconds'],
        [{ maxResponseTimeMs: 25000 }, 'maxResponseTimeMs'],
        [{ auth: { type: 'BASIC', username: 'x' } }, 'auth.password'],
        [
          {
            auth: {
              type: 'OPENSTACK',
              authUrl: 'https://k.test/v3',
              username: 'x',
              projectId: 'p',
            },
          },
          'auth.password',
        ],
        [{ jsonEquals: 1, jsonPath: null }, 'jsonPath'],
        [{ name: null }, 'name'],
        [{ enabled: null }, 'enabled'],
        [{ notifierIds: [424242] }, 'notifierIds'],
      ];
      for (const [body, field] of cases) {
        const res = await send('admin', 'patch', `/api/v1/targets/${target.id}`, body);
        expect([JSON.stringify(body), res.status, fields(res)]).toEqual([
          JSON.stringify(body),
          400,
          expect.arrayContaining([field]),
        ]);
      }
      const cleared = await send('admin', 'patch', `/api/v1/targets/${target.id}`, {
        jsonPath: null,
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body.jsonPath).toBeNull();
      expect(cleared.body).not.toHaveProperty('jsonEquals');
      const unchanged = await send('admin', 'get', `/api/v1/targets/${target.id}`);
      expect(unchanged.body).toMatchObject({ frequencySeconds: 30, timeoutSeconds: 20 });
    });
  });

  describe('validation', () => {
    const basic = { type: 'BASIC', username: 'u', password: BASIC_PASSWORD };
    const keystone = {
      type: 'OPENSTACK',
      authUrl: 'https://keystone.test/v3',
      username: 'u',
      password: KEYSTONE_PASSWORD,
      projectName: 'p',
    };
    const without = (o: Record<string, unknown>, key: string) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

    it.each<[string, Record<string, unknown>, string]>([
      ['a URL that is no URL', { url: 'not a url' }, 'url'],
      ['an ftp URL', { url: 'ftp://example.test/file' }, 'url'],
      ['credentials in the URL', { url: 'https://me:pw@example.test/' }, 'url'],
      ['a frequency of 0', { frequencySeconds: 0 }, 'frequencySeconds'],
      ['a frequency over a day', { frequencySeconds: 86401 }, 'frequencySeconds'],
      ['a fractional frequency', { frequencySeconds: 1.5 }, 'frequencySeconds'],
      [
        'a timeout over the frequency',
        { frequencySeconds: 5, timeoutSeconds: 6 },
        'timeoutSeconds',
      ],
      ['a timeout over 300 s', { frequencySeconds: 600, timeoutSeconds: 301 }, 'timeoutSeconds'],
      ['an unknown method', { method: 'TRACE' }, 'method'],
      ['a header name with a space', { headers: { 'X Bad': '1' } }, 'headers'],
      ['a header value with a line break', { headers: { 'X-A': 'a\r\nX-B: b' } }, 'headers'],
      ['a regex that does not compile', { bodyRegex: '(unclosed' }, 'bodyRegex'],
      ['a regex with a lookbehind (RE2 has none)', { bodyRegex: '(?<=a)b' }, 'bodyRegex'],
      ['a regex with a backreference (RE2 has none)', { bodyRegex: '(a)\\1' }, 'bodyRegex'],
      ['a JSON path with double dots', { jsonPath: 'a..b', jsonEquals: 1 }, 'jsonPath'],
      ['a jsonPath without jsonEquals', { jsonPath: 'status' }, 'jsonEquals'],
      ['jsonEquals without a jsonPath', { jsonEquals: 'ok' }, 'jsonPath'],
      [
        'a slow limit over the timeout',
        { timeoutSeconds: 2, maxResponseTimeMs: 2001 },
        'maxResponseTimeMs',
      ],
      ['an expected status of 600', { expectedStatus: 600 }, 'expectedStatus'],
      ['an expected status as text', { expectedStatus: '200' }, 'expectedStatus'],
      ['an expected class 6xx', { expectedStatus: '6xx' }, 'expectedStatus'],
      ['an empty expected status list', { expectedStatus: [] }, 'expectedStatus'],
      ['a list with a bad status', { expectedStatus: [200, 700] }, 'expectedStatus'],
      ['followRedirects that is no boolean', { followRedirects: 'yes' }, 'followRedirects'],
      [
        'followRedirects with only redirects expected',
        { followRedirects: true, expectedStatus: [301, 302] },
        'followRedirects',
      ],
      ['an empty bodyNotContains', { bodyNotContains: '' }, 'bodyNotContains'],
      ['tls that is no object', { tls: 'strict' }, 'tls'],
      ['a CA that is no PEM', { tls: { caCertificate: 'not a cert' } }, 'tls.caCertificate'],
      [
        'a CA whose PEM is broken',
        {
          tls: {
            caCertificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
          },
        },
        'tls.caCertificate',
      ],
      [
        'insecureSkipVerify as text',
        { tls: { insecureSkipVerify: 'true' } },
        'tls.insecureSkipVerify',
      ],
      ['an IP address as server name', { tls: { serverName: '10.0.0.1' } }, 'tls.serverName'],
      ['a server name with a space', { tls: { serverName: 'a b' } }, 'tls.serverName'],
      ['an unknown TLS field', { tls: { verify: false } }, 'tls.verify'],
      ['a certificate expiry of 0 days', { certificateExpiryDays: 0 }, 'certificateExpiryDays'],
      ['a failure threshold of 0', { failureThreshold: 0 }, 'failureThreshold'],
      ['an unknown notifier id', { notifierIds: [987654] }, 'notifierIds'],
      ['a repeated notifier id', { notifierIds: [1, 1] }, 'notifierIds'],
      ['an unknown field', { colour: 'blue' }, 'colour'],
      ['a name with a trailing space', { name: 'trailing ' }, 'name'],
      ['a null name', { name: null }, 'name'],
      ['an unknown auth type', { auth: { type: 'DIGEST', username: 'u' } }, 'auth.type'],
      ['auth that is no object', { auth: 'BASIC' }, 'auth'],
      ['BASIC without username', { auth: without(basic, 'username') }, 'auth.username'],
      ['BASIC without password', { auth: without(basic, 'password') }, 'auth.password'],
      [
        'BASIC with a Keystone field',
        { auth: { ...basic, authUrl: 'https://k.test' } },
        'auth.authUrl',
      ],
      ['NONE with a username', { auth: { type: 'NONE', username: 'u' } }, 'auth.username'],
      ['OPENSTACK without authUrl', { auth: without(keystone, 'authUrl') }, 'auth.authUrl'],
      [
        'OPENSTACK with a bad authUrl',
        { auth: { ...keystone, authUrl: 'keystone' } },
        'auth.authUrl',
      ],
      ['OPENSTACK without username', { auth: without(keystone, 'username') }, 'auth.username'],
      ['OPENSTACK without password', { auth: without(keystone, 'password') }, 'auth.password'],
      [
        'OPENSTACK v3 without a project',
        { auth: without(keystone, 'projectName') },
        'auth.projectName',
      ],
      [
        'OPENSTACK v2.0 without a tenant',
        { auth: { ...without(keystone, 'projectName'), keystoneVersion: 'v2.0' } },
        'auth.tenantName',
      ],
      [
        'OPENSTACK v2.0 with a project',
        { auth: { ...keystone, keystoneVersion: 'v2.0', tenantId: 't' } },
        'auth.projectName',
      ],
      ['OPENSTACK v3 with a tenant', { auth: { ...keystone, tenantName: 't' } }, 'auth.tenantName'],
      [
        'an unknown Keystone version',
        { auth: { ...keystone, keystoneVersion: 'v4' } },
        'auth.keystoneVersion',
      ],
    ])('answers 400 naming the field for %s', async (_what, fieldsOfBody, field) => {
      const res = await send('admin', 'post', '/api/v1/targets', {
        name: `invalid-${randomBytes(3).toString('hex')}`,
        url: 'http://localhost/',
        ...fieldsOfBody,
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.text);
      expect(problem.type).toBe('urn:vigil:problem:validation');
      expect(fields(res)).toContain(field);
      expect(problem.detail).toContain(field);
    });

    it('refuses a bodyRegex RE2 cannot run, on create and on update, saying why', async () => {
      const message =
        'bodyRegex must be a regular expression that RE2 accepts (no lookahead, lookbehind ' +
        'or backreferences): invalid perl operator: (?=';
      const created = await send('admin', 'post', '/api/v1/targets', {
        name: 'lookahead',
        url: 'http://localhost/',
        bodyRegex: 'up(?=time)',
      });
      expect(created.status).toBe(400);
      expect(JSON.parse(created.text).errors).toEqual([{ field: 'bodyRegex', message }]);

      const target = await create({ name: 'regex-patched', bodyRegex: '(a+)+$' });
      const patched = await send('admin', 'patch', `/api/v1/targets/${target.id}`, {
        bodyRegex: 'up(?=time)',
      });
      expect(patched.status).toBe(400);
      expect(JSON.parse(patched.text).errors).toEqual([{ field: 'bodyRegex', message }]);
    });

    it('accepts the minimal auth of each type', async () => {
      for (const auth of [
        { type: 'NONE' as const },
        { type: 'BASIC' as const, username: 'u', password: BASIC_PASSWORD },
        {
          type: 'OPENSTACK' as const,
          authUrl: 'http://keystone_1:5000/v3',
          username: 'u',
          password: KEYSTONE_PASSWORD,
          projectId: 'b7f3',
        },
      ]) {
        await create({ name: `minimal-${auth.type}`, auth });
      }
    });
  });

  it('takes the Keystone version from the auth URL, token URLs too, and refuses a contradicting one', async () => {
    const openstack = (authUrl: string, extra: object = {}) => ({
      type: 'OPENSTACK' as const,
      authUrl,
      username: 'svc',
      password: KEYSTONE_PASSWORD,
      ...extra,
    });
    const v2 = await create({
      name: 'keystone-token-url',
      auth: openstack('http://keystone.test:5000/v2.0/tokens', { tenantId: 't1' }),
    });
    expect(v2.auth).toMatchObject({
      authUrl: 'http://keystone.test:5000/v2.0/tokens',
      keystoneVersion: 'v2.0',
      tenantId: 't1',
    });
    const res = await send('admin', 'post', '/api/v1/targets', {
      name: 'keystone-contradiction',
      url: 'http://x.test/',
      auth: openstack('http://keystone.test:5000/v2.0/', {
        keystoneVersion: 'v3',
        projectId: 'p',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'auth.keystoneVersion', message: 'is v3, but authUrl names Keystone v2.0' },
    ]);
  });

  it('takes names of up to 128 characters', async () => {
    const long = await create({ name: 'n'.repeat(128) });
    expect(long.name).toHaveLength(128);
    const res = await send('admin', 'post', '/api/v1/targets', {
      name: 'n'.repeat(129),
      url: 'http://x.test/',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'name', message: 'name must be shorter than or equal to 128 characters' },
    ]);
  });

  it('validates a definition as create would, creating nothing', async () => {
    const total = async () => (await send('admin', 'get', '/api/v1/targets')).body.total as number;
    const before = await total();
    const ok = await send('admin', 'post', '/api/v1/targets/validate', {
      name: 'only-checked',
      url: 'http://x.test/',
    });
    expect([ok.status, ok.text]).toEqual([204, '']);
    const bad = await send('admin', 'post', '/api/v1/targets/validate', {
      name: 'only-checked',
      url: 'http://x.test/',
      frequencySeconds: 5,
      timeoutSeconds: 10,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        field: 'timeoutSeconds',
        message: 'timeoutSeconds (10) must not be greater than frequencySeconds (5)',
      },
    ]);
    await create({ name: 'Taken' });
    const taken = await send('admin', 'post', '/api/v1/targets/validate', {
      name: 'taken',
      url: 'http://x.test/',
    });
    expect(taken.status).toBe(409);
    expect(await total()).toBe(before + 1);
    const viewer = await send('operator', 'post', '/api/v1/targets/validate', {
      name: 'x',
      url: 'http://x.test/',
    });
    expect(viewer.status).toBe(403);
  });

  it('takes over the state another monitor kept, until vigil probes the target', async () => {
    const target = await create({
      name: 'carried-over',
      url: 'http://127.0.0.1:1/',
      enabled: false,
    });
    const state = {
      status: 'FAIL',
      previousStatus: 'PASS',
      statusDescription: 'target status:500 != 200',
      lastUpdated: '2013-06-02T11:30:00.000Z',
      passCount: 12996,
      failCount: 7,
      status2xxCount: 12996,
      status3xxCount: 1,
      status4xxCount: 2,
      status5xxCount: 3,
      networkFailCount: 1,
      repeatedFailCount: 7,
    };
    const put = (role: Role, body: object) =>
      request(t.url)
        .put(`/api/v1/targets/${target.id}/state`)
        .set('Authorization', basicAuth(TEST_USERS[role]))
        .send(body);
    expect((await put('operator', state)).status).toBe(403);
    const bad = await put('admin', { ...state, status: 'DOWN', passCount: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['status', 'passCount']);
    expect((await put('admin', state)).status).toBe(204);
    const read = (await send('viewer', 'get', `/api/v1/targets/${target.id}`)).body as Target;
    expect(read).toMatchObject(state);
    const probe = await send('operator', 'post', `/api/v1/targets/${target.id}/probe`);
    expect(probe.body).toMatchObject({ status: 'FAIL', targetStatus: 'FAIL' });
    const after = (await send('viewer', 'get', `/api/v1/targets/${target.id}`)).body as Target;
    expect([after.failCount, after.networkFailCount, after.repeatedFailCount]).toEqual([8, 2, 8]);
    const again = await put('admin', state);
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    const missing = await request(t.url)
      .put('/api/v1/targets/999999/state')
      .set('Authorization', basicAuth(TEST_USERS.admin))
      .send(state);
    expect(missing.status).toBe(404);
  });

  it('answers 409 to a duplicate name, also when only the case differs or on rename', async () => {
    const first = await create({ name: 'Twin' });
    for (const name of ['Twin', 'twin']) {
      const res = await send('admin', 'post', '/api/v1/targets', { name, url: 'http://x.test/' });
      expect(res.status).toBe(409);
      expect(JSON.parse(res.text)).toMatchObject({ status: 409, title: 'Conflict' });
      expect(JSON.parse(res.text).detail).toContain(name);
    }
    const other = await create({ name: 'Other twin' });
    const rename = await send('admin', 'patch', `/api/v1/targets/${other.id}`, { name: 'TWIN' });
    expect(rename.status).toBe(409);
    const self = await send('admin', 'patch', `/api/v1/targets/${first.id}`, { name: 'twin' });
    expect([self.status, self.body.name]).toEqual([200, 'twin']);
  });

  it('answers 404 for an unknown id and 400 for an id that is no number', async () => {
    for (const [method, path] of [
      ['get', '/api/v1/targets/999999'],
      ['patch', '/api/v1/targets/999999'],
      ['delete', '/api/v1/targets/999999'],
      ['post', '/api/v1/targets/999999/enable'],
      ['post', '/api/v1/targets/999999/disable'],
    ] as const) {
      const res = await send('admin', method, path, method === 'patch' ? {} : undefined);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(JSON.parse(res.text).detail).toBe('target 999999 not found');
    }
    const res = await send('admin', 'get', '/api/v1/targets/abc');
    expect([res.status, [...new Set(fields(res))]]).toEqual([400, ['id']]);
  });

  it('lets an operator enable and disable, publishing an event only on a change', async () => {
    const target = await create({ name: 'switch' });
    const off = await send('operator', 'post', `/api/v1/targets/${target.id}/disable`);
    expect([off.status, off.body.enabled]).toEqual([200, false]);
    const again = await send('operator', 'post', `/api/v1/targets/${target.id}/disable`);
    expect([again.status, again.body.enabled]).toEqual([200, false]);
    const { data } = await clientAs(t.url, 'operator').POST('/api/v1/targets/{id}/enable', {
      params: { path: { id: target.id } },
    });
    expect(data?.enabled).toBe(true);
    expect(eventsFor(target.id)).toEqual(['target.created', 'target.disabled', 'target.enabled']);
    const enabled = events.filter((e) => e.payload.targetId === target.id).pop();
    expect(enabled?.payload.target?.enabled).toBe(true);
  });

  it('deletes a target with 204 and publishes target.deleted', async () => {
    const target = await create({ name: 'short-lived' });
    const res = await send('admin', 'delete', `/api/v1/targets/${target.id}`);
    expect([res.status, res.text]).toEqual([204, '']);
    expect((await send('viewer', 'get', `/api/v1/targets/${target.id}`)).status).toBe(404);
    expect(eventsFor(target.id)).toEqual(['target.created', 'target.deleted']);
    expect(events.filter((e) => e.payload.targetId === target.id).pop()?.payload).toEqual({
      targetId: target.id,
    });
  });

  it('enforces roles: viewers read, operators switch, only admins define', async () => {
    const target = await create({ name: 'roles' });
    const path = `/api/v1/targets/${target.id}`;
    const expected: [Role, 'get' | 'post' | 'patch' | 'delete', string, number][] = [
      ['viewer', 'get', '/api/v1/targets', 200],
      ['viewer', 'get', path, 200],
      ['viewer', 'post', '/api/v1/targets', 403],
      ['viewer', 'post', `${path}/disable`, 403],
      ['operator', 'post', '/api/v1/targets', 403],
      ['operator', 'patch', path, 403],
      ['operator', 'delete', path, 403],
      ['operator', 'post', `${path}/disable`, 200],
      ['operator', 'post', `${path}/enable`, 200],
    ];
    for (const [role, method, url, status] of expected) {
      const body =
        method === 'post' && url === '/api/v1/targets'
          ? { name: 'x', url: 'http://x.test/' }
          : undefined;
      const res = await send(role, method, url, method === 'patch' ? { name: 'y' } : body);
      expect([role, method, url, res.status]).toEqual([role, method, url, status]);
    }
    expect((await request(t.url).get('/api/v1/targets')).status).toBe(401);
    expect((await send('admin', 'get', path)).body.name).toBe('roles');
  });

  it('filters by status, enabled and name, sorts and paginates with a total', async () => {
    const names = ['lista 100%', 'listb_x', 'listc', 'listd'];
    const made: Target[] = [];
    for (const name of names) made.push(await create({ name }));
    await send('admin', 'post', `/api/v1/targets/${made[1].id}/disable`);
    await t.app
      .get(DataSource)
      .query(`UPDATE target_states SET status = 'FAIL' WHERE target_id = ${made[2].id}`);

    const list = async (query: string) => {
      const res = await send('viewer', 'get', `/api/v1/targets?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      return {
        names: (res.body.items as Target[]).map((x) => x.name),
        total: res.body.total as number,
      };
    };
    expect(await list('q=list')).toEqual({
      names: ['lista 100%', 'listb_x', 'listc', 'listd'],
      total: 4,
    });
    expect(await list('q=LiSt&sort=-name')).toEqual({
      names: ['listd', 'listc', 'listb_x', 'lista 100%'],
      total: 4,
    });
    expect(await list('q=list&limit=2&offset=1')).toEqual({
      names: ['listb_x', 'listc'],
      total: 4,
    });
    expect(await list('q=%25')).toEqual({ names: ['lista 100%'], total: 1 });
    expect(await list('q=_')).toEqual({ names: ['listb_x'], total: 1 });
    expect(await list('q=list&enabled=false')).toEqual({ names: ['listb_x'], total: 1 });
    expect(await list('q=list&status=FAIL')).toEqual({ names: ['listc'], total: 1 });
    expect((await list('q=list&enabled=true&status=NEW')).names).toEqual(['lista 100%', 'listd']);
    expect((await list('sort=id')).names.slice(-4)).toEqual(names);

    // the state is probing's: sorted by it, and NEW for a target whose state row is not made yet
    const db = t.app.get(DataSource);
    await db.query(
      `UPDATE target_states SET last_probe_at = '2026-01-01 00:00:00.000' WHERE target_id = ${made[3].id}`,
    );
    await db.query(`DELETE FROM target_states WHERE target_id = ${made[1].id}`);
    expect((await list('q=list&sort=status')).names).toEqual([
      'listc',
      'lista 100%',
      'listb_x',
      'listd',
    ]);
    expect((await list('q=list&sort=-status')).names).toEqual([
      'lista 100%',
      'listb_x',
      'listd',
      'listc',
    ]);
    expect((await list('q=list&sort=-lastProbeAt')).names[0]).toBe('listd');
    expect(await list('q=list&status=NEW')).toEqual({
      names: ['lista 100%', 'listb_x', 'listd'],
      total: 3,
    });
    const unprobed = await send('viewer', 'get', `/api/v1/targets/${made[1].id}`);
    expect(unprobed.body).toMatchObject({ status: 'NEW', passCount: 0, lastProbeAt: null });
    for (const query of ['status=BROKEN', 'enabled=maybe', 'sort=url', 'limit=0']) {
      const res = await send('viewer', 'get', `/api/v1/targets?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
    }
  });

  it('never answers or logs a stored password', () => {
    expect(answers.length).toBeGreaterThan(50);
    const everything = [...answers, ...t.logger.lines].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(answers.join('\n')).not.toMatch(/"password"/);
  });
});

describe.each(databaseKinds())('secret key rotation on %s', (kind) => {
  it('reads passwords with the previous key and writes them again with the new one at start', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('hex');
    const t = await startTestApp(kind, { VIGIL_SECRET_KEY: oldKey });
    const restartWith = async (env: Record<string, string>) => {
      const logger = new CapturingLogger();
      const config = loadConfig({
        VIGIL_DATA_DIR: t.dataDir,
        VIGIL_DATABASE_URL: t.database.url,
        VIGIL_USERS: `${TEST_USERS.admin.name}:$2b$04$abcdefghijklmnopqrstuuJ6G0cZxkX1yOQ3nWc9mDbT7o2pQ5K8e:admin`,
        ...env,
      });
      const app = await createApp(config, { logger });
      await app.init();
      return { app, logger };
    };
    try {
      const res = await request(t.url)
        .post('/api/v1/targets')
        .set('Authorization', basicAuth(TEST_USERS.admin))
        .send({
          name: 'rotate',
          url: 'http://localhost/',
          auth: { type: 'BASIC', username: 'u', password: BASIC_PASSWORD },
        })
        .expect(201);
      const id = (res.body as Target).id;
      const read = async (app: { get: TestApp['app']['get'] }) =>
        (
          await app
            .get(DataSource)
            .query<{ auth_password: string }[]>(
              `SELECT auth_password FROM targets WHERE id = ${id}`,
            )
        )[0].auth_password;
      const before = await read(t.app);
      await t.stop();

      // a new key alone cannot read it; the start-up says so without the password
      const wrong = await restartWith({ VIGIL_SECRET_KEY: newKey });
      try {
        expect(wrong.logger.lines.join('\n')).toContain(`target(s) ${id} cannot be decrypted`);
        await expect(wrong.app.get(TargetsService).forProbing(id)).rejects.toThrow(
          /VIGIL_SECRET_KEY_PREVIOUS/,
        );
      } finally {
        await wrong.app.close();
      }

      const rotating = await restartWith({
        VIGIL_SECRET_KEY: newKey,
        VIGIL_SECRET_KEY_PREVIOUS: oldKey,
      });
      try {
        expect(rotating.logger.lines.join('\n')).toContain(
          'Encrypted 1 target password(s) with the current key',
        );
        expect(await read(rotating.app)).not.toBe(before);
      } finally {
        await rotating.app.close();
      }

      const rotated = await restartWith({ VIGIL_SECRET_KEY: newKey });
      try {
        const target = await rotated.app.get(TargetsService).forProbing(id);
        expect(target?.auth).toEqual({ type: 'BASIC', username: 'u', password: BASIC_PASSWORD });
        expect(rotated.logger.lines.join('\n')).not.toContain(BASIC_PASSWORD);
      } finally {
        await rotated.app.close();
      }
    } finally {
      await t.close();
    }
  });
});

function fields(res: request.Response): string[] {
  const body = JSON.parse(res.text) as { errors?: { field: string }[] };
  return (body.errors ?? []).map((e) => e.field);
}

describe.each(databaseKinds())('secret headers on %s', (kind) => {
  const TENANT_KEY = 'tenant-key-Sx-5e0a7d';
  const BEARER = 'bearer-token-Sx-c41f2b';
  const API_KEY = 'api-key-Sx-9d3e60';
  const LEGACY = 'legacy-cookie-Sx-77aa01';
  const HEADER_SECRETS = [TENANT_KEY, BEARER, API_KEY, LEGACY];
  const secretView = { secret: true, hasValue: true };

  let t: TestApp;
  /** The app the start-up test restarted, stopped at the end (t.close stops the first one). */
  let restarted: RunningApp | undefined;
  let server: Server;
  let targetUrl: string;
  /** The request headers the target server received, one entry per request. */
  const seen: IncomingHttpHeaders[] = [];
  /** Every response body seen, searched for the secrets at the end. */
  const answers: string[] = [];
  const events: string[] = [];

  async function send(role: Role, method: 'get' | 'post' | 'patch', path: string, body?: object) {
    const req = request(t.url)[method](path).set('Authorization', basicAuth(TEST_USERS[role]));
    const res = body === undefined ? await req : await req.send(body);
    answers.push(res.text);
    return res;
  }

  async function probe(id: number): Promise<IncomingHttpHeaders> {
    const before = seen.length;
    const res = await send('operator', 'post', `/api/v1/targets/${id}/probe`);
    expect([res.status, (res.body as { status: string }).status]).toEqual([200, 'PASS']);
    expect(seen).toHaveLength(before + 1);
    return seen[before];
  }

  const rawRow = async (id: number) =>
    (
      await t.app
        .get(DataSource)
        .query<{ headers: string; secret_headers: string | null }[]>(
          `SELECT headers, secret_headers FROM targets WHERE id = ${Number(id)}`,
        )
    )[0];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    t = await startTestApp(kind);
    t.app.get(EventEmitter2).onAny((name, payload) => {
      events.push(`${String(name)} ${JSON.stringify(payload)}`);
    });
  });
  afterAll(async () => {
    await restarted?.stop();
    await t?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends secret headers to the target but answers only that they are set; plain ones are answered', async () => {
    const created = await send('admin', 'post', '/api/v1/targets', {
      name: 'secret-headers',
      url: targetUrl,
      headers: {
        Accept: 'text/plain',
        'X-Tenant-Key': { value: TENANT_KEY, secret: true },
        // always secret, whatever the request says
        Authorization: `Bearer ${BEARER}`,
        'x-api-key': { value: API_KEY, secret: false },
      },
    });
    expect([created.status, created.text]).toEqual([201, expect.any(String)]);
    const target = created.body as Target;
    const expected = {
      Accept: 'text/plain',
      'X-Tenant-Key': secretView,
      Authorization: secretView,
      'x-api-key': secretView,
    };
    expect(target.headers).toEqual(expected);

    // stored encrypted: the plain column holds only the plain header
    const row = await rawRow(target.id);
    expect(JSON.parse(row.headers)).toEqual({ Accept: 'text/plain' });
    expect(Object.keys(JSON.parse(row.secret_headers ?? '{}') as object).sort()).toEqual([
      'Authorization',
      'X-Tenant-Key',
      'x-api-key',
    ]);

    const received = await probe(target.id);
    expect(received).toMatchObject({
      accept: 'text/plain',
      'x-tenant-key': TENANT_KEY,
      authorization: `Bearer ${BEARER}`,
      'x-api-key': API_KEY,
    });

    const got = await send('viewer', 'get', `/api/v1/targets/${target.id}`);
    expect((got.body as Target).headers).toEqual(expected);
    const listed = await send('viewer', 'get', '/api/v1/targets?q=secret-headers');
    expect((listed.body as { items: Target[] }).items[0].headers).toEqual(expected);
  });

  it('keeps a secret value an update leaves out, and drops a header the update leaves out', async () => {
    const id = (
      (await send('viewer', 'get', '/api/v1/targets?q=secret-headers')).body as { items: Target[] }
    ).items[0].id;
    // the headers as answered, sent back with one plain value changed and x-api-key left out
    const res = await send('admin', 'patch', `/api/v1/targets/${id}`, {
      headers: {
        Accept: 'application/json',
        'X-Tenant-Key': secretView,
        authorization: { secret: true },
      },
    });
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    expect((res.body as Target).headers).toEqual({
      Accept: 'application/json',
      'X-Tenant-Key': secretView,
      authorization: secretView,
    });
    let received = await probe(id);
    expect(received).toMatchObject({
      accept: 'application/json',
      'x-tenant-key': TENANT_KEY,
      authorization: `Bearer ${BEARER}`,
    });
    expect(received['x-api-key']).toBeUndefined();

    // an update that does not touch the headers keeps them all
    expect(
      (await send('admin', 'patch', `/api/v1/targets/${id}`, { frequencySeconds: 30 })).status,
    ).toBe(200);
    received = await probe(id);
    expect(received).toMatchObject({
      'x-tenant-key': TENANT_KEY,
      authorization: `Bearer ${BEARER}`,
    });

    // a secret header without a value and none stored: 400 naming it, nothing changed
    const bad = await send('admin', 'patch', `/api/v1/targets/${id}`, {
      headers: { 'X-Tenant-Key': { secret: true }, 'X-New-Secret': { secret: true } },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['headers.X-New-Secret']);
    expect(((await send('viewer', 'get', `/api/v1/targets/${id}`)).body as Target).headers).toEqual(
      {
        Accept: 'application/json',
        'X-Tenant-Key': secretView,
        authorization: secretView,
      },
    );
    for (const invalid of [{ 'X-A': { value: 'a', extra: 1 } }, { 'X-A': { secret: 'yes' } }]) {
      const res400 = await send('admin', 'patch', `/api/v1/targets/${id}`, { headers: invalid });
      expect([res400.status, fields(res400)]).toEqual([400, ['headers']]);
    }
  });

  it('encrypts at start the credential headers an older version stored in plain', async () => {
    const created = await send('admin', 'post', '/api/v1/targets', {
      name: 'legacy-headers',
      url: targetUrl,
    });
    const id = (created.body as Target).id;
    // as a version before secret headers left the row
    await t.app
      .get(DataSource)
      .query(
        `UPDATE targets SET headers = '${JSON.stringify({ Cookie: LEGACY, Accept: 'a/b' })}', secret_headers = NULL WHERE id = ${id}`,
      );
    // hidden even before the start-up moved it
    expect(((await send('viewer', 'get', `/api/v1/targets/${id}`)).body as Target).headers).toEqual(
      {
        Cookie: secretView,
        Accept: 'a/b',
      },
    );
    restarted = await t.restart();
    t = { ...t, ...restarted };
    const running = restarted;
    expect(running.logger.lines.join('\n')).toContain('Secured the secret headers of 1 target(s)');
    const row = await rawRow(id);
    expect(row.headers).not.toContain(LEGACY);
    expect(row.secret_headers).not.toContain(LEGACY);
    expect(JSON.parse(row.headers)).toEqual({ Accept: 'a/b' });
    expect(((await send('viewer', 'get', `/api/v1/targets/${id}`)).body as Target).headers).toEqual(
      {
        Accept: 'a/b',
        Cookie: secretView,
      },
    );
    expect(await probe(id)).toMatchObject({ cookie: LEGACY, accept: 'a/b' });
  });

  it('never puts a secret header value in an answer, a log line, the probe log, an event or the audit', async () => {
    const audit = await send('admin', 'get', '/api/v1/audit/commands');
    expect(audit.status).toBe(200);
    const probeLog = join(t.dataDir, 'probe.log');
    await until(
      () => existsSync(probeLog) && readFileSync(probeLog, 'utf8').includes('legacy-headers'),
    );
    const everything = [
      ...answers,
      ...t.logger.lines,
      ...events,
      readFileSync(probeLog, 'utf8'),
    ].join('\n');
    expect(answers.length).toBeGreaterThan(15);
    for (const secret of HEADER_SECRETS) expect(everything).not.toContain(secret);
  });
});
