import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from './support/app';

const AUTH = basicAuth(TEST_USERS.admin);

describe('bad input is a 400 with one message per field', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  async function errorsOf(res: request.Response): Promise<unknown> {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return Promise.resolve((JSON.parse(res.text) as { errors: unknown }).errors);
  }

  it.each([
    ['/api/v1/targets?offset=99999999999999999999', 'offset', 0, 2147483647],
    ['/api/v1/targets?offset=1e300', 'offset', 0, 2147483647],
    ['/api/v1/notifiers?offset=-1', 'offset', 0, 2147483647],
    ['/api/v1/users?limit=abc', 'limit', 1, 500],
    ['/api/v1/audit/commands?limit=', 'limit', 1, 500],
    ['/api/v1/downtimes?limit=0x10', 'limit', 1, 500],
    ['/api/v1/notifications?notifierId=99999999999', 'notifierId', 1, 2147483647],
    ['/api/v1/notifications?targetId=1.5', 'targetId', 1, 2147483647],
    ['/api/v1/targets/1e3', 'id', 1, 2147483647],
    ['/api/v1/targets/-4/results?offset=1', 'id', 1, 2147483647],
    ['/api/v1/notifiers/99999999999999999999', 'id', 1, 2147483647],
    ['/api/v1/livestatus/hosts?limit=1e99', 'limit', 0, 10000000],
  ])('GET %s names %s once', async (url, field, min, max) => {
    const res = await request(t.url).get(url).set('Authorization', AUTH);
    expect(await errorsOf(res)).toEqual([
      { field, message: `${field} must be a whole number from ${min} to ${max}` },
    ]);
  });

  it('refuses a downtime id out of range on DELETE', async () => {
    const res = await request(t.url)
      .delete('/api/v1/downtimes/99999999999999999999')
      .set('Authorization', AUTH);
    expect(await errorsOf(res)).toEqual([
      { field: 'id', message: 'id must be a whole number from 0 to 2147483647' },
    ]);
  });

  it('still takes plain numbers', async () => {
    await request(t.url)
      .get('/api/v1/targets?limit=500&offset=2147483647')
      .set('Authorization', AUTH)
      .expect(200);
  });

  it.each([
    ['/api/v1/livestatus/query', { query: 'GET hosts', site: null }, 'site must be a string'],
    [
      '/api/v1/livestatus/query',
      { query: 'GET hosts', format: null },
      'format must be one of json, csv, ndjson',
    ],
    [
      '/api/v1/downtimes',
      { hostName: null, comment: 'x', durationSeconds: 60 },
      'hostName must be a string',
    ],
    ['/api/v1/comments', { hostName: 'h', comment: 'c', site: null }, 'site must be a string'],
    [
      '/api/v1/acknowledgements',
      { hostName: 'h', comment: 'c', sticky: null },
      'sticky must be a boolean value',
    ],
    ['/api/v1/notifications/disable', { hostName: null }, 'hostName must be a string'],
    [
      '/api/v1/targets',
      { name: 't', url: 'http://127.0.0.1:9/', timeoutSeconds: null },
      'timeoutSeconds must be an integer number',
    ],
  ])('POST %s refuses null where a value is expected: %j', async (url, body, message) => {
    const res = await request(t.url).post(url).set('Authorization', AUTH).send(body);
    expect(await errorsOf(res)).toEqual([{ field: message.split(' ')[0], message }]);
  });

  it.each([[[null]], [[{ type: 'BASIC' }]], [null], ['BASIC'], [{ type: null }]])(
    'refuses a target auth of %j with 400',
    async (auth) => {
      const res = await request(t.url)
        .post('/api/v1/targets')
        .set('Authorization', AUTH)
        .send({ name: 'bad auth', url: 'http://127.0.0.1:9/', auth });
      const errors = (await errorsOf(res)) as { field: string }[];
      expect(errors.every((e) => e.field.startsWith('auth'))).toBe(true);
    },
  );

  it('still takes null where it clears a setting (PATCH target bodyContains)', async () => {
    const created = await request(t.url)
      .post('/api/v1/targets')
      .set('Authorization', AUTH)
      .send({ name: 'clearable', url: 'http://127.0.0.1:9/', bodyContains: 'ok' })
      .expect(201);
    const res = await request(t.url)
      .patch(`/api/v1/targets/${(created.body as { id: number }).id}`)
      .set('Authorization', AUTH)
      .send({ bodyContains: null })
      .expect(200);
    expect((res.body as { bodyContains: unknown }).bodyContains).toBeNull();
  });

  /** The 400's errors and detail, checking that detail names each field once. */
  async function problemOf(res: request.Response): Promise<{ field: string; message: string }[]> {
    const errors = (await errorsOf(res)) as { field: string; message: string }[];
    const detail = (JSON.parse(res.text) as { detail: string }).detail;
    const fields = errors.map((e) => e.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(detail).toBe(
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].message}`
        : `${errors.length} fields are invalid: ${fields.join(', ')}`,
    );
    return errors;
  }

  it.each<[string, object, { field: string; message: string }[]]>([
    [
      '/api/v1/targets',
      {},
      [
        { field: 'name', message: 'name is required' },
        { field: 'url', message: 'url is required' },
      ],
    ],
    [
      '/api/v1/targets',
      {
        name: 'keystone',
        url: 'http://127.0.0.1:9/',
        auth: { type: 'OPENSTACK', username: 'u', password: 'p', projectName: 'p' },
      },
      [{ field: 'auth.authUrl', message: 'authUrl is required' }],
    ],
    [
      '/api/v1/targets',
      { name: 'basic', url: 'http://127.0.0.1:9/', auth: { type: 'BASIC', password: 'p' } },
      [{ field: 'auth.username', message: 'username is required' }],
    ],
    [
      '/api/v1/notifiers',
      {},
      [
        { field: 'name', message: 'name is required' },
        { field: 'address', message: 'address is required' },
      ],
    ],
    [
      '/api/v1/notifiers',
      { name: 'mail', address: ['ops@example.com'], smtp: {} },
      [
        { field: 'smtp.host', message: 'host is required' },
        { field: 'smtp.from', message: 'from is required' },
      ],
    ],
    [
      '/api/v1/downtimes',
      { hostName: 'web1', durationSeconds: 60 },
      [{ field: 'comment', message: 'comment is required' }],
    ],
    ['/api/v1/livestatus/query', {}, [{ field: 'query', message: 'query is required' }]],
  ])(
    'POST %s without required fields: "is required", once per field (%j)',
    async (url, body, expected) => {
      const res = await request(t.url).post(url).set('Authorization', AUTH).send(body);
      expect(await problemOf(res)).toEqual(expected);
    },
  );

  it.each([['/query'], ['/query?key=name'], ['/cmd']])(
    'GET %s without q: "q is required", once',
    async (url) => {
      const res = await request(t.url).get(url).set('Authorization', AUTH);
      expect(await problemOf(res)).toEqual([{ field: 'q', message: 'q is required' }]);
    },
  );

  it.each<[string, object, { field: string; message: string }[]]>([
    [
      '/api/v1/targets',
      { name: '', url: 'ftp://x', frequencySeconds: 0, timeoutSeconds: 'slow' },
      [
        { field: 'name', message: 'name must be longer than or equal to 1 characters' },
        { field: 'url', message: 'url must be an http or https URL without credentials' },
        { field: 'frequencySeconds', message: 'frequencySeconds must not be less than 1' },
        { field: 'timeoutSeconds', message: 'timeoutSeconds must be an integer number' },
      ],
    ],
    [
      '/api/v1/notifiers',
      { name: 'mail', address: ['not-an-address', 'x'], type: 'PIGEON' },
      [
        { field: 'type', message: 'type must be one of the following values: SMTP, WEBHOOK' },
        { field: 'address', message: 'each value in address must be an email' },
      ],
    ],
    [
      '/api/v1/downtimes',
      { hostName: 'web1', comment: '', durationSeconds: 0, start: 'tomorrow' },
      [
        { field: 'start', message: 'start must be a valid ISO 8601 date string' },
        { field: 'durationSeconds', message: 'durationSeconds must not be less than 1' },
        { field: 'comment', message: 'comment must be longer than or equal to 1 characters' },
      ],
    ],
    [
      '/api/v1/livestatus/query',
      { query: 'x'.repeat(70000), format: 'xml' },
      [
        { field: 'query', message: 'query must be shorter than or equal to 65536 characters' },
        { field: 'format', message: 'format must be one of json, csv, ndjson' },
      ],
    ],
  ])(
    'POST %s with invalid fields: the first failing rule, once per field',
    async (url, body, expected) => {
      const res = await request(t.url).post(url).set('Authorization', AUTH).send(body);
      const errors = await problemOf(res);
      expect([...errors].sort((a, b) => a.field.localeCompare(b.field))).toEqual(
        [...expected].sort((a, b) => a.field.localeCompare(b.field)),
      );
    },
  );

  it('GET /query with an empty q says what is wrong with it, once', async () => {
    const res = await request(t.url).get('/query?q=').set('Authorization', AUTH);
    expect(await problemOf(res)).toEqual([
      { field: 'q', message: 'q must be longer than or equal to 1 characters' },
    ]);
  });
});
