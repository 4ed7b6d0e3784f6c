import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import {
  describeWithIcinga,
  type IcingaInstance,
  rawLivestatus,
  TEST_HOSTS,
} from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';
import { until } from '../support/until';

const viewer = basicAuth(TEST_USERS.viewer);
const operator = basicAuth(TEST_USERS.operator);
const admin = basicAuth(TEST_USERS.admin);

type Row = Record<string, unknown>;

/** The host query of livestatus-service's help page, its new lines written as `\n`. */
const HELP_QUERY = 'GET hosts\\nColumns: host_name notifications_enabled';

/**
 * Requests written for livestatus-service (its help page, its integration tests, jQuery
 * scripts), replayed unchanged against vigil and a private Icinga 2 that vigil reaches over TCP
 * livestatus only: its command pipe is missing, as on a host that is not Icinga's. The queries
 * are replayed too against a vigil that reaches the same Icinga through its REST API only.
 */
describeWithIcinga('livestatus-service requests replayed against a private Icinga 2', () => {
  let instance: IcingaApiInstance;
  let icinga: IcingaInstance;
  let viaLivestatus: TestApp;
  let viaApi: TestApp;

  beforeAll(async () => {
    instance = await startIcingaApi();
    icinga = instance.icinga;
    viaLivestatus = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=tcp:127.0.0.1:${icinga.tcpPort}`,
      VIGIL_COMMAND_PIPE: `${icinga.commandPipe}.missing`,
      VIGIL_DOCS_ENABLED: 'false',
    });
    viaApi = await startTestApp('sqlite', {
      VIGIL_SITES: `local=icinga2:${instance.url}`,
      VIGIL_SITE_LOCAL_USER: instance.user,
      VIGIL_SITE_LOCAL_PASSWORD: instance.password,
      VIGIL_SITE_LOCAL_CA_FILE: instance.caPath,
      VIGIL_SITE_LOCAL_TLS_SERVERNAME: instance.servername,
      VIGIL_COMMAND_PIPE: `${icinga.commandPipe}.missing`,
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await viaLivestatus?.close();
    await viaApi?.close();
    await instance?.stop();
  });

  /** The same LQL straight to Icinga's UNIX socket, each row zipped with `columns`. */
  async function direct(lql: string, columns: string[]): Promise<Row[]> {
    const answer = await rawLivestatus(icinga.socketPath, lql);
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.body) as unknown[][]).map((row) =>
      Object.fromEntries(columns.map((c, i) => [c, row[i]])),
    );
  }

  const hostsDirect = () =>
    direct('GET hosts\nColumns: host_name notifications_enabled', [
      'host_name',
      'notifications_enabled',
    ]);
  /** A POST with an `application/x-www-form-urlencoded` body, as livestatus-service took it. */
  const formTo = (url: string, path: string, auth: string, fields: Record<string, string>) =>
    request(url).post(path).set('Authorization', auth).type('form').send(fields);
  const sorted = (rows: Row[]) =>
    [...rows].sort((a, b) => String(a.host_name).localeCompare(String(b.host_name)));

  describe.each([
    ['livestatus', () => viaLivestatus],
    ['the Icinga 2 API', () => viaApi],
  ])('/query over %s', (over, app) => {
    const form = (path: string, auth: string, fields: Record<string, string>) =>
      formTo(app().url, path, auth, fields);

    it.each([
      ['GET, as on the help page', `/query?q=${encodeURIComponent(HELP_QUERY)}`],
      [
        'GET with handler=livestatus',
        `/query?q=${encodeURIComponent(HELP_QUERY)}&handler=livestatus`,
      ],
      ["GET with jQuery's cache-buster", `/query?q=${encodeURIComponent(HELP_QUERY)}&_=1700000000`],
      ['POST with the query string', `/query?q=${encodeURIComponent(HELP_QUERY)}&_=1`],
    ])('answers %s with the rows of the socket', async (what, url) => {
      const call = what.startsWith('POST')
        ? request(app().url).post(url)
        : request(app().url).get(url);
      const res = await call.set('Authorization', viewer);
      expect(res.status).toBe(200);
      expect(sorted(res.body as Row[])).toEqual(sorted(await hostsDirect()));
    });

    it('answers POST with a form body (q, handler, key and a cache-buster) keyed rows', async () => {
      const res = await form('/query', viewer, {
        q: HELP_QUERY,
        handler: 'livestatus',
        key: 'host_name',
        _: '1700000000',
      });
      expect(res.status).toBe(200);
      const expected = Object.fromEntries((await hostsDirect()).map((r) => [r.host_name, r]));
      expect(res.body).toEqual(expected);
    });

    it('takes a non-empty query string parameter over the form body', async () => {
      const q = encodeURIComponent('GET hosts\\nColumns: name\\nFilter: name = edge-01');
      const res = await form(`/query?q=${q}&key=`, viewer, {
        q: 'GET hosts\\nColumns: name',
        key: 'name',
      });
      expect([res.status, res.body]).toEqual([200, { 'edge-01': { name: 'edge-01' } }]);
    });

    it('answers the integration test of livestatus-service: no Columns, keyed by host_name', async () => {
      const res = await request(app().url)
        .get('/query?q=GET%20hosts&key=host_name')
        .set('Authorization', viewer);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as Row).sort()).toEqual(TEST_HOSTS);
      const [header, ...rows] = JSON.parse(
        (await rawLivestatus(icinga.socketPath, 'GET hosts\nColumnHeaders: on')).body,
      ) as unknown[][];
      const names = header as string[];
      const edge = rows.find((row) => row[names.indexOf('host_name')] === 'edge-01')!;
      const body = res.body as Record<string, Row>;
      expect(body['edge-01'].address).toBe(edge[names.indexOf('address')]);
      const keys = Object.keys(body['edge-01']);
      // an API site answers the columns it has an equivalent for
      if (over === 'livestatus') expect(keys.sort()).toEqual([...names].sort());
      else expect(names).toEqual(expect.arrayContaining(keys));
    });

    it('names Stats columns as livestatus-service did: by their own Stats: line', async () => {
      const lql = 'GET services\nStats: state = 0\nStats: state = 1\nStatsOr: 2\nStats: state = 2';
      const res = await request(app().url)
        .get('/query')
        .query({ q: lql.replace(/\n/g, '\\n') })
        .set('Authorization', viewer);
      expect(res.status).toBe(200);
      // two values (the StatsOr and state = 2), zipped with the first two Stats: lines
      const [values] = JSON.parse((await rawLivestatus(icinga.socketPath, lql)).body) as number[][];
      expect(values).toEqual([7, 2]);
      expect(res.body).toEqual([{ 'state = 0': 7, 'state = 1': 2 }]);
    });

    it('still refuses what it cannot answer: a handler other than livestatus, no q', async () => {
      const icingaHandler = await request(app().url)
        .get('/query')
        .query({ q: 'GET hosts', handler: 'icinga' })
        .set('Authorization', viewer);
      expect(icingaHandler.status).toBe(400);
      expect(icingaHandler.body.errors[0].field).toBe('handler');
      const empty = await form('/query', viewer, { _: '1' });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual([{ field: 'q', message: 'q is required' }]);
    });
  });

  describe('/cmd', () => {
    const form = (path: string, auth: string, fields: Record<string, string>) =>
      formTo(viaLivestatus.url, path, auth, fields);
    const flags = (host: string) =>
      direct(`GET hosts\nColumns: notifications_enabled\nFilter: name = ${host}`, ['enabled']);

    it('sends the original integration tests without a handler over livestatus: GET, then a form POST', async () => {
      const disable = await request(viaLivestatus.url)
        .get('/cmd?q=DISABLE_HOST_NOTIFICATIONS;web-02')
        .set('Authorization', operator);
      expect([disable.status, disable.text]).toEqual([200, 'OK\n']);
      await until(async () => (await flags('web-02'))[0].enabled === 0);

      const enable = await form('/cmd', operator, {
        q: 'ENABLE_HOST_NOTIFICATIONS;web-02',
        _: '1700000000',
      });
      expect([enable.status, enable.text]).toEqual([200, 'OK\n']);
      await until(async () => (await flags('web-02'))[0].enabled === 1);
    });

    it('takes handler from a form body: icinga goes to the (missing) pipe, livestatus works', async () => {
      const pipe = await form('/cmd', operator, {
        q: 'DISABLE_HOST_NOTIFICATIONS;web-01',
        handler: 'icinga',
      });
      expect(pipe.status).toBe(503);
      const live = await form('/cmd', operator, {
        q: 'DISABLE_HOST_NOTIFICATIONS;web-01',
        handler: 'livestatus',
      });
      expect([live.status, live.text]).toEqual([200, 'OK\n']);
      await until(async () => (await flags('web-01'))[0].enabled === 0);
    });

    const cmd = async (q: string) => {
      const res = await request(viaLivestatus.url)
        .get('/cmd')
        .query({ q })
        .set('Authorization', operator);
      expect([q, res.status, res.text]).toEqual([q, 200, 'OK\n']);
    };

    it('sends five commands outside the catalogue, each taking effect', async () => {
      const host = (columns: string) =>
        direct(`GET hosts\nColumns: ${columns}\nFilter: name = edge-01`, columns.split(' '));
      const ping = () =>
        direct('GET services\nColumns: check_interval\nFilter: host_name = edge-01', ['interval']);
      const dbChecks = () =>
        direct('GET services\nColumns: active_checks_enabled\nFilter: host_groups >= db', ['on']);
      const downtimes = () =>
        direct('GET downtimes\nColumns: id\nFilter: host_name = edge-01', ['id']);

      expect(await host('flap_detection_enabled')).toEqual([{ flap_detection_enabled: 0 }]);
      await cmd('ENABLE_HOST_FLAP_DETECTION;edge-01');
      await until(
        async () => (await host('flap_detection_enabled'))[0].flap_detection_enabled === 1,
      );

      await cmd('CHANGE_CUSTOM_HOST_VAR;edge-01;owner;team blue');
      await until(async () => {
        const [row] = await host('custom_variable_names custom_variable_values');
        const names = row.custom_variable_names as string[];
        return (row.custom_variable_values as string[])[names.indexOf('owner')] === 'team blue';
      });

      await cmd('CHANGE_NORMAL_SVC_CHECK_INTERVAL;edge-01;ping;7');
      await until(async () => (await ping())[0].interval === 7);

      const now = Math.floor(Date.now() / 1000);
      await cmd(`SCHEDULE_HOST_DOWNTIME;edge-01;${now};${now + 3600};1;0;3600;otto;replay`);
      await until(async () => (await downtimes()).length === 1);
      await cmd('DEL_DOWNTIME_BY_HOST_NAME;edge-01');
      await until(async () => (await downtimes()).length === 0);

      await cmd('DISABLE_HOSTGROUP_SVC_CHECKS;db');
      await until(async () => (await dbChecks()).every((s) => s.on === 0));
      await cmd('ENABLE_HOSTGROUP_SVC_CHECKS;db');
      await until(async () => (await dbChecks()).every((s) => s.on === 1));

      const audit = await request(viaLivestatus.url)
        .get('/api/v1/audit/commands?limit=7')
        .set('Authorization', admin);
      const items = (audit.body as { items: Row[] }).items;
      expect(items.map((i) => [i.command, i.catalogued, i.transport, i.outcome]).reverse()).toEqual(
        [
          ['ENABLE_HOST_FLAP_DETECTION', false, 'livestatus', 'sent'],
          ['CHANGE_CUSTOM_HOST_VAR', false, 'livestatus', 'sent'],
          ['CHANGE_NORMAL_SVC_CHECK_INTERVAL', false, 'livestatus', 'sent'],
          ['SCHEDULE_HOST_DOWNTIME', true, 'livestatus', 'sent'],
          ['DEL_DOWNTIME_BY_HOST_NAME', false, 'livestatus', 'sent'],
          ['DISABLE_HOSTGROUP_SVC_CHECKS', false, 'livestatus', 'sent'],
          ['ENABLE_HOSTGROUP_SVC_CHECKS', false, 'livestatus', 'sent'],
        ],
      );
    });

    it("passes Icinga's answer on for a command Icinga does not know, and refuses SHUTDOWN_PROCESS", async () => {
      const unknown = await request(viaLivestatus.url)
        .get('/cmd?q=NO_SUCH_COMMAND;edge-01')
        .set('Authorization', operator);
      expect(unknown.status).toBe(400);
      expect(unknown.body.detail).toMatch(/NO_SUCH_COMMAND/);
      const shutdown = await request(viaLivestatus.url)
        .get('/cmd?q=SHUTDOWN_PROCESS')
        .set('Authorization', operator);
      expect(shutdown.status).toBe(400);
      expect(shutdown.body.errors[0]).toEqual({
        field: 'q',
        message: 'SHUTDOWN_PROCESS is never sent: it stops or restarts the monitoring process',
      });
      expect(
        (await rawLivestatus(icinga.socketPath, 'GET status\nColumns: program_start')).status,
      ).toBe(200);
    });
  });

  it('sends /cmd without handler through the pipe with VIGIL_LEGACY_CMD_HANDLER=pipe', async () => {
    const piped = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}.missing`,
      VIGIL_COMMAND_PIPE: icinga.commandPipe,
      VIGIL_LEGACY_CMD_HANDLER: 'pipe',
      VIGIL_DOCS_ENABLED: 'false',
    });
    try {
      const res = await request(piped.url)
        .get('/cmd?q=DISABLE_HOST_NOTIFICATIONS;db-02')
        .set('Authorization', operator);
      expect([res.status, res.text]).toEqual([200, 'OK\n']);
      const flag = () =>
        direct('GET hosts\nColumns: notifications_enabled\nFilter: name = db-02', ['enabled']);
      await until(async () => (await flag())[0].enabled === 0);
    } finally {
      await piped.close();
    }
  });
});
