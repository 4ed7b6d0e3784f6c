import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { describeWithIcinga, type IcingaInstance, startTestIcinga } from '../support/icinga';
import { itWithPromtool, promtool, scrape, valueOf } from './scrape';

const viewer = basicAuth(TEST_USERS.viewer);
const operator = basicAuth(TEST_USERS.operator);

describeWithIcinga('site queries and commands in GET /metrics, against a private Icinga 2', () => {
  let icinga: IcingaInstance;

  beforeAll(async () => {
    icinga = await startTestIcinga();
  });

  afterAll(async () => {
    await icinga?.stop();
  });

  describe.each(databaseKinds())('with %s', (kind) => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(kind, {
        VIGIL_SITES: `local=unix:${icinga.socketPath},dc2=tcp:127.0.0.1:${icinga.tcpPort}`,
        VIGIL_COMMAND_PIPE: icinga.commandPipe,
        VIGIL_DOCS_ENABLED: 'false',
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    const queries = (s: Awaited<ReturnType<typeof scrape>>, site: string, outcome: string) =>
      valueOf(s, 'vigil_site_query_duration_seconds_count', { site, outcome });

    it('times each livestatus query by site and outcome', async () => {
      const before = await scrape(t.url);
      const ok = await request(t.url)
        .get('/query')
        .query({ q: 'GET hosts\\nColumns: name state', site: 'dc2' })
        .set('authorization', viewer);
      expect(ok.status).toBe(200);
      const refused = await request(t.url)
        .get('/query')
        .query({ q: 'GET no_such_table\\nColumns: name' })
        .set('authorization', viewer);
      expect(refused.status).toBe(404);
      const after = await scrape(t.url);
      expect(queries(after, 'dc2', 'ok')).toBe(queries(before, 'dc2', 'ok') + 1);
      expect(queries(after, 'local', 'status')).toBe(queries(before, 'local', 'status') + 1);
      expect(queries(after, 'local', 'ok')).toBe(queries(before, 'local', 'ok'));
      expect(
        valueOf(after, 'vigil_site_query_duration_seconds_sum', { site: 'dc2', outcome: 'ok' }),
      ).toBeGreaterThan(0);
    });

    it('counts each command by name, transport and outcome', async () => {
      const labels = { command: 'ADD_HOST_COMMENT', transport: 'livestatus', outcome: 'sent' };
      const before = valueOf(await scrape(t.url), 'vigil_commands_total', labels);
      const res = await request(t.url)
        .post('/api/v1/commands')
        .set('authorization', operator)
        .send({
          command: 'add_host_comment',
          args: { host: 'web-01', persistent: false, author: 'otto', comment: 'metrics' },
          transport: 'livestatus',
        });
      expect([res.status, res.text]).toEqual([202, expect.any(String)]);
      const piped = await request(t.url)
        .post('/cmd')
        .set('authorization', operator)
        .type('form')
        .send({ q: 'ENABLE_HOST_FLAP_DETECTION;web-01', handler: 'icinga' });
      expect([piped.status, piped.text]).toEqual([200, 'OK\n']);
      const after = await scrape(t.url);
      expect(valueOf(after, 'vigil_commands_total', labels)).toBe(before + 1);
      expect(
        valueOf(after, 'vigil_commands_total', {
          command: 'other',
          transport: 'pipe',
          outcome: 'sent',
        }),
      ).toBeGreaterThanOrEqual(1);
      // a command outside the catalogue is the caller's text: never a label
      expect(after.text).not.toContain('ENABLE_HOST_FLAP_DETECTION');
    });

    itWithPromtool('is a scrape promtool check metrics accepts', async () => {
      const res = await request(t.url).get('/metrics').set('authorization', viewer).expect(200);
      expect(res.text).toContain('vigil_commands_total{');
      expect(res.text).toContain('vigil_site_query_duration_seconds_bucket{');
      promtool(['check', 'metrics'], res.text);
    });
  });
});
