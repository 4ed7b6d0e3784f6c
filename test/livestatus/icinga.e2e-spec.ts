import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import {
  describeWithIcinga,
  type IcingaInstance,
  rawLivestatus,
  startTestIcinga,
  TEST_HOSTS,
} from '../support/icinga';
import { freePort } from '../../bench/livestatus-icinga';

const viewer = basicAuth(TEST_USERS.viewer);

type Row = Record<string, unknown>;
const byName = (a: Row, b: Row) =>
  `${String(a.site)}/${String(a.host_name ?? a.name)}/${String(a.description)}`.localeCompare(
    `${String(b.site)}/${String(b.host_name ?? b.name)}/${String(b.description)}`,
  );

describeWithIcinga('livestatus endpoints against a private Icinga 2', () => {
  let icinga: IcingaInstance;
  let app: TestApp;

  beforeAll(async () => {
    icinga = await startTestIcinga();
    app = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath},dc2=tcp:127.0.0.1:${icinga.tcpPort}`,
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await app?.close();
    await icinga?.stop();
  });

  const get = (path: string) => request(app.url).get(path).set('Authorization', viewer);

  /** The same LQL straight to the UNIX socket, as objects. */
  async function direct(lql: string, columns: string[]): Promise<Row[]> {
    const answer = await rawLivestatus(icinga.socketPath, lql);
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.body) as unknown[][]).map((row) =>
      Object.fromEntries(columns.map((c, i) => [c, row[i]])),
    );
  }

  describe('GET /query (livestatus-service compatible)', () => {
    it('returns the hosts as objects, q written with \\n escapes', async () => {
      const res = await get('/query').query({ q: 'GET hosts\\nColumns: name state' });
      expect(res.status).toBe(200);
      const hosts = res.body as Row[];
      expect(hosts.map((h) => h.name).sort()).toEqual(TEST_HOSTS);
      expect(hosts.find((h) => h.name === 'db-02')).toEqual({ name: 'db-02', state: 1 });
      expect(hosts.find((h) => h.name === 'web-01')).toEqual({ name: 'web-01', state: 0 });
    });

    it('accepts real new lines in q', async () => {
      const res = await get('/query').query({
        q: 'GET hosts\nColumns: name\nFilter: name = edge-01',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ name: 'edge-01' }]);
    });

    it('answers an object keyed by host name with key=name', async () => {
      const res = await get('/query').query({
        q: 'GET hosts\\nColumns: name state address',
        key: 'name',
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as object).sort()).toEqual(TEST_HOSTS);
      expect(res.body['db-02']).toEqual({ name: 'db-02', state: 1, address: '10.0.1.2' });
    });

    it('names stats after their Stats: lines', async () => {
      const res = await get('/query').query({
        q: 'GET services\\nStats: state = 0\\nStats: state = 1\\nStats: state = 2\\nStats: sum state',
      });
      expect(res.status).toBe(200);
      // ping on 5 hosts OK, http on 2 web hosts WARNING, disk on 2 db hosts CRITICAL,
      // backup (passive, never received) UNKNOWN on 2
      expect(res.body).toEqual([
        { 'state = 0': 5, 'state = 1': 2, 'state = 2': 2, 'sum state': 5 * 0 + 2 + 4 + 2 * 3 },
      ]);
    });

    it('groups stats by the Columns: line', async () => {
      const res = await get('/query').query({
        q: 'GET services\\nColumns: host_name\\nStats: state >= 2\\nFilter: host_name ~ ^db',
        key: 'host_name',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        'db-01': { host_name: 'db-01', 'state >= 2': 2 },
        'db-02': { host_name: 'db-02', 'state >= 2': 1 },
      });
    });

    it('names the columns from the header row when q has no Columns:', async () => {
      const res = await get('/query').query({ q: 'GET hostgroups\\nFilter: name = web' });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0]).toMatchObject({ name: 'web', alias: 'Web servers', num_hosts: 2 });
    });

    it('answers 404 problem+json carrying Icinga message for an unknown table', async () => {
      const res = await get('/query').query({ q: 'GET nosuchtable' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toBe("Table 'nosuchtable' does not exist.");
    });

    it('answers 400 with the first line of Icinga message for an unknown column', async () => {
      const res = await get('/query').query({ q: 'GET hosts\\nColumns: nosuchcolumn' });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe("Error: Column 'nosuchcolumn' does not exist in table 'hosts'.");
    });

    it('refuses OutputFormat in q and a key that is not a column with 400', async () => {
      const format = await get('/query').query({ q: 'GET hosts\\nOutputFormat: csv' });
      expect(format.status).toBe(400);
      expect(format.body.errors[0].field).toBe('q');
      expect(format.body.detail).toContain('OutputFormat');
      const key = await get('/query').query({ q: 'GET hosts\\nColumns: name', key: 'state' });
      expect(key.status).toBe(400);
      expect(key.body.errors).toEqual([
        { field: 'key', message: expect.stringContaining('state') },
      ]);
    });

    it('needs credentials', async () => {
      const res = await request(app.url).get('/query').query({ q: 'GET hosts' });
      expect(res.status).toBe(401);
    });
  });

  describe('GET /api/v1/livestatus/{table}', () => {
    it('returns exactly the rows the same LQL returns straight from the socket', async () => {
      const columns = ['host_name', 'description', 'state', 'plugin_output', 'groups'];
      const res = await get(
        '/api/v1/livestatus/services?site=local&columns=host_name,description,state,plugin_output,groups' +
          `&filter=${encodeURIComponent('state >= 1')}&filter=${encodeURIComponent('host_name !~ ^edge')}`,
      );
      expect(res.status).toBe(200);
      const expected = await direct(
        `GET services\nColumns: ${columns.join(' ')}\nFilter: state >= 1\nFilter: host_name !~ ^edge`,
        columns,
      );
      expect(expected.length).toBeGreaterThan(3);
      const rows = (res.body as Row[]).map(({ site, ...row }) => {
        expect(site).toBe('local');
        return row;
      });
      expect(rows.sort(byName)).toEqual(expected.sort(byName));
    });

    it('filters list columns and keeps text with quotes and non-ASCII intact', async () => {
      const res = await get(
        `/api/v1/livestatus/hosts?site=local&columns=name,plugin_output&filter=${encodeURIComponent('groups >= db')}&key=name`,
      );
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as object).sort()).toEqual(['db-01', 'db-02']);
      expect(res.body['db-02'].plugin_output).toBe('host is down, "unreachable"; see ünïcode');
    });

    it('merges a UNIX and a TCP site, each row with its site', async () => {
      const res = await get('/api/v1/livestatus/hosts?columns=name,state');
      expect(res.status).toBe(200);
      expect(res.headers['vigil-site-errors']).toBeUndefined();
      const rows = res.body as Row[];
      expect(
        rows
          .filter((r) => r.site === 'local')
          .map((r) => r.name)
          .sort(),
      ).toEqual(TEST_HOSTS);
      expect(
        rows
          .filter((r) => r.site === 'dc2')
          .map((r) => r.name)
          .sort(),
      ).toEqual(TEST_HOSTS);
      expect(rows).toHaveLength(2 * TEST_HOSTS.length);
    });

    it('applies limit over all sites and answers stats', async () => {
      const limited = await get('/api/v1/livestatus/hosts?columns=name&limit=3');
      expect(limited.body).toHaveLength(3);
      const stats = await get(
        `/api/v1/livestatus/services?site=dc2&stats=${encodeURIComponent('state = 2')}&stats=${encodeURIComponent('max state')}`,
      );
      expect(stats.body).toEqual([{ site: 'dc2', 'state = 2': 2, 'max state': 3 }]);
    });

    it('streams ndjson, one object per line', async () => {
      const res = await get('/api/v1/livestatus/hosts?columns=name,groups&format=ndjson').buffer(
        true,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = res.text.trimEnd().split('\n');
      expect(lines).toHaveLength(2 * TEST_HOSTS.length);
      const rows = lines.map((line) => JSON.parse(line) as Row);
      expect(rows).toContainEqual({ site: 'dc2', name: 'web-01', groups: ['web'] });
    });

    it('answers csv with a header line', async () => {
      const res = await get(
        '/api/v1/livestatus/hosts?site=local&columns=name,plugin_output&filter=name%20%3D%20db-02&format=csv',
      ).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text).toBe(
        'site,name,plugin_output\r\nlocal,db-02,"host is down, ""unreachable""; see ünïcode"\r\n',
      );
    });

    it('answers csv from the header row when no columns are given', async () => {
      const res = await get('/api/v1/livestatus/hostgroups?site=local&format=csv').buffer(true);
      expect(res.status).toBe(200);
      const [header, ...rows] = res.text.trimEnd().split('\r\n');
      expect(header.split(',').slice(0, 1)).toEqual(['site']);
      expect(header.split(',')).toContain('num_hosts');
      expect(rows).toHaveLength(2);
    });

    it('answers 404 for an unknown table and 400 for names that are not identifiers', async () => {
      const unknown = await get('/api/v1/livestatus/nosuchtable');
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe("Table 'nosuchtable' does not exist.");
      const badColumn = await get('/api/v1/livestatus/hosts?columns=name,sta%20te');
      expect(badColumn.status).toBe(400);
      const badTable = await get('/api/v1/livestatus/ho$ts');
      expect(badTable.status).toBe(400);
      const badOperator = await get(
        `/api/v1/livestatus/hosts?filter=${encodeURIComponent('name == x')}`,
      );
      expect(badOperator.status).toBe(400);
      expect(badOperator.body.errors[0].field).toBe('filter');
    });

    it('works through the generated OpenAPI client', async () => {
      const client = clientAs(app.url, 'viewer');
      const { data, error, response } = await client.GET('/api/v1/livestatus/{table}', {
        params: {
          path: { table: 'hosts' },
          query: { columns: 'name,state', filter: ['name = web-02'], site: 'dc2' },
        },
      });
      expect(error).toBeUndefined();
      expect(response.status).toBe(200);
      expect(data).toEqual([{ site: 'dc2', name: 'web-02', state: 0 }]);
      const sites = await client.GET('/api/v1/livestatus/sites');
      expect(sites.data?.map((s) => [s.name, s.reachable])).toEqual([
        ['local', true],
        ['dc2', true],
      ]);
    });
  });

  describe('POST /api/v1/livestatus/query', () => {
    it('runs a GET query on the chosen site', async () => {
      const res = await request(app.url)
        .post('/api/v1/livestatus/query')
        .set('Authorization', viewer)
        .send({ query: 'GET hosts\nColumns: name address\nFilter: name = web-02\n', site: 'dc2' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ site: 'dc2', name: 'web-02', address: '10.0.0.2' }]);
    });

    it.each([
      ['ResponseHeader', 'GET hosts\nResponseHeader: off'],
      ['OutputFormat', 'GET hosts\nOutputFormat: csv'],
      ['KeepAlive', 'GET hosts\nKeepAlive: on'],
    ])('refuses a caller-supplied %s header with 400', async (_name, query) => {
      const res = await request(app.url)
        .post('/api/v1/livestatus/query')
        .set('Authorization', viewer)
        .send({ query });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('query');
    });
  });

  describe('GET /api/v1/livestatus/sites', () => {
    it('lists each site with reachability, latency and program version', async () => {
      const res = await get('/api/v1/livestatus/sites');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          name: 'local',
          kind: 'livestatus',
          address: `unix:${icinga.socketPath}`,
          reachable: true,
          latencyMs: expect.any(Number),
          programVersion: expect.stringMatching(/^r2\./),
        },
        {
          name: 'dc2',
          kind: 'livestatus',
          address: `tcp:127.0.0.1:${icinga.tcpPort}`,
          reachable: true,
          latencyMs: expect.any(Number),
          programVersion: expect.stringMatching(/^r2\./),
        },
      ]);
    });
  });

  describe('queries that try to smuggle commands', () => {
    const backup = (host: string) =>
      direct(
        `GET services\nColumns: state plugin_output has_been_checked\nFilter: host_name = ${host}\nFilter: description = backup`,
        ['state', 'plugin_output', 'has_been_checked'],
      );
    const notifications = async () =>
      (await direct('GET status\nColumns: enable_notifications', ['on']))[0].on;

    it('refuses them with 400 and leaves Icinga unchanged', async () => {
      const before = { web: await backup('web-01'), db: await backup('db-01') };
      expect(before.web).toEqual([{ state: 3, plugin_output: '', has_been_checked: 0 }]);
      expect(await notifications()).toBe(1);
      const now = Math.floor(Date.now() / 1000);

      const newline = await get(
        `/api/v1/livestatus/hosts?filter=${encodeURIComponent(
          `name = x\n\nCOMMAND [${now}] PROCESS_SERVICE_CHECK_RESULT;web-01;backup;2;injected`,
        )}`,
      );
      expect(newline.status).toBe(400);
      expect(newline.body.errors[0]).toEqual({
        field: 'filter',
        message: expect.stringContaining('CR, LF or NUL'),
      });

      const command = await request(app.url)
        .post('/api/v1/livestatus/query')
        .set('Authorization', viewer)
        .send({ query: `COMMAND [${now}] PROCESS_SERVICE_CHECK_RESULT;db-01;backup;2;injected` });
      expect(command.status).toBe(400);
      expect(command.body.detail).toContain('COMMAND');

      const second = await request(app.url)
        .post('/api/v1/livestatus/query')
        .set('Authorization', viewer)
        .send({ query: `GET hosts\nColumns: name\n\nCOMMAND [${now}] DISABLE_NOTIFICATIONS\n` });
      expect(second.status).toBe(400);
      expect(second.body.detail).toContain('more than one request');

      const legacy = await get('/query').query({
        q: `GET hosts\\n\\nCOMMAND [${now}] DISABLE_NOTIFICATIONS`,
      });
      expect(legacy.status).toBe(400);

      // Icinga applies commands within about two seconds.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await backup('web-01')).toEqual(before.web);
      expect(await backup('db-01')).toEqual(before.db);
      expect(await notifications()).toBe(1);

      // The read-back would have seen it: the same command straight to the socket changes it.
      const sent = await rawLivestatus(
        icinga.socketPath,
        `COMMAND [${now}] PROCESS_SERVICE_CHECK_RESULT;db-01;backup;2;control`,
      );
      expect(sent.status).toBe(200);
      const deadline = Date.now() + 5000;
      while ((await backup('db-01'))[0].state !== 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await backup('db-01')).toEqual([
        { state: 2, plugin_output: 'control', has_been_checked: 1 },
      ]);
    });
  });

  describe('with one site down', () => {
    let partial: TestApp;
    let closedPort: number;

    beforeAll(async () => {
      closedPort = await freePort();
      partial = await startTestApp('sqlite', {
        VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath},dc2=tcp:127.0.0.1:${closedPort}`,
        VIGIL_DOCS_ENABLED: 'false',
      });
    });
    afterAll(async () => {
      await partial?.close();
    });

    it('answers the other site rows and names the failed site', async () => {
      const res = await request(partial.url)
        .get('/api/v1/livestatus/hosts?columns=name')
        .set('Authorization', viewer);
      expect(res.status).toBe(200);
      expect((res.body as Row[]).map((r) => r.site)).toEqual(TEST_HOSTS.map(() => 'local'));
      expect(JSON.parse(res.headers['vigil-site-errors'])).toEqual([
        {
          site: 'dc2',
          status: 503,
          detail: expect.stringContaining(`tcp:127.0.0.1:${closedPort}`),
        },
      ]);
    });

    it('lists the down site as unreachable', async () => {
      const res = await request(partial.url)
        .get('/api/v1/livestatus/sites')
        .set('Authorization', viewer);
      expect(res.body[1]).toEqual({
        name: 'dc2',
        kind: 'livestatus',
        address: `tcp:127.0.0.1:${closedPort}`,
        reachable: false,
        latencyMs: expect.any(Number),
        error: expect.stringContaining('refused'),
      });
    });

    it('answers 503 when the only site asked is down', async () => {
      const res = await request(partial.url)
        .get('/api/v1/livestatus/hosts?site=dc2')
        .set('Authorization', viewer);
      expect(res.status).toBe(503);
      expect(res.body.site).toBe('dc2');
    });
  });
});
