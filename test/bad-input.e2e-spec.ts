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
});
