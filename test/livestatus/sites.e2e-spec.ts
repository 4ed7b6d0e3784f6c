/**
 * The query endpoints on a livestatus site and on an Icinga 2 API site of the same private
 * Icinga: the same assertions on both, on every database; a mixed setup answering from both.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { FILTER_INJECTIONS } from '../support/filter-injections';
import { describeWithIcinga, TEST_HOSTS } from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';
import { silentServer } from '../support/silent-server';
import { freePort } from '../../bench/livestatus-icinga';

const viewer = basicAuth(TEST_USERS.viewer);
const WRONG_PASSWORD = 'wrong-Pa55word-for-the-api';

type Row = Record<string, unknown>;
const sortKey = (r: Row) =>
  `${String(r.site)}/${String(r.host_name ?? r.name ?? r.id)}/${String(r.description)}`;
const sorted = (rows: Row[]) => [...rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
const withoutSite = (rows: Row[]) => rows.map(({ site: _site, ...row }) => row);

/** The site settings of an API site named `name` of `instance`, with `password`. */
function apiSite(
  instance: IcingaApiInstance,
  name: string,
  password: string,
): Record<string, string> {
  const prefix = `VIGIL_SITE_${name.toUpperCase()}_`;
  const file = join(instance.icinga.dir, `${name}.pw`);
  writeFileSync(file, `${password}\n`);
  return {
    [`${prefix}USER`]: instance.user,
    [`${prefix}PASSWORD_FILE`]: file,
    [`${prefix}CA_FILE`]: instance.caPath,
    [`${prefix}TLS_SERVERNAME`]: instance.servername,
  };
}

describeWithIcinga('query endpoints on a livestatus and an Icinga 2 API site', () => {
  let instance: IcingaApiInstance;

  beforeAll(async () => {
    instance = await startIcingaApi();
    const client = instance.client();
    const now = Math.floor(Date.now() / 1000);
    await client.action('schedule-downtime', {
      type: 'Host',
      filter: 'host.name == hn',
      filter_vars: { hn: 'web-02' },
      author: 'ann',
      comment: 'rollout "v2"; ünïcode',
      start_time: now,
      end_time: now + 3600,
      fixed: true,
    });
    await client.action('add-comment', {
      type: 'Service',
      filter: 'host.name == hn && service.name == sn',
      filter_vars: { hn: 'db-01', sn: 'disk' },
      author: 'bob',
      comment: 'disk replaced',
    });
  });
  afterAll(async () => {
    await instance?.stop();
  });

  describe.each(databaseKinds())('on %s', (kind) => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp(kind, {
        VIGIL_SITES: [
          `ls=unix:${instance.icinga.socketPath}`,
          `api=icinga2:${instance.url}`,
          `bad=icinga2:${instance.url}`,
        ].join(','),
        ...apiSite(instance, 'api', instance.password),
        ...apiSite(instance, 'bad', WRONG_PASSWORD),
        VIGIL_DOCS_ENABLED: 'false',
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (path: string) => request(app.url).get(path).set('Authorization', viewer);
    const post = (path: string, body: object) =>
      request(app.url).post(path).set('Authorization', viewer).send(body);

    describe.each(['ls', 'api'])('site %s', (site) => {
      const table = (name: string, params: Record<string, string | string[]>) =>
        get(`/api/v1/livestatus/${name}`).query({ site, ...params });

      it('returns the hosts as objects on /query, q written with \\n escapes', async () => {
        const res = await get('/query').query({ q: 'GET hosts\\nColumns: name state', site });
        expect(res.status).toBe(200);
        const hosts = res.body as Row[];
        expect(hosts.map((h) => h.name).sort()).toEqual(TEST_HOSTS);
        expect(hosts.find((h) => h.name === 'db-02')).toEqual({ name: 'db-02', state: 1 });
        expect(hosts.find((h) => h.name === 'web-01')).toEqual({ name: 'web-01', state: 0 });
      });

      it('answers /query keyed by a column, also by POST, an exact name read by name', async () => {
        const res = await request(app.url)
          .post('/query')
          .set('Authorization', viewer)
          .type('form')
          .send({
            q: 'GET hosts\nColumns: name state address\nFilter: name = db-02',
            key: 'name',
            site,
          });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ 'db-02': { name: 'db-02', state: 1, address: '10.0.1.2' } });
      });

      it('counts stats named after their Stats: lines, grouped by Columns:', async () => {
        const all = await get('/query').query({
          q: 'GET services\\nStats: state = 0\\nStats: state = 1\\nStats: state = 2\\nStats: sum state',
          site,
        });
        expect(all.status).toBe(200);
        expect(all.body).toEqual([
          { 'state = 0': 5, 'state = 1': 2, 'state = 2': 2, 'sum state': 5 * 0 + 2 + 4 + 2 * 3 },
        ]);
        const grouped = await get('/query').query({
          q: 'GET services\\nColumns: host_name\\nStats: state >= 2\\nFilter: host_name ~ ^db',
          key: 'host_name',
          site,
        });
        expect(grouped.body).toEqual({
          'db-01': { host_name: 'db-01', 'state >= 2': 2 },
          'db-02': { host_name: 'db-02', 'state >= 2': 1 },
        });
        const none = await table('services', { stats: 'state = 9', filter: 'host_name = nobody' });
        expect(none.body).toEqual([{ site, 'state = 9': 0 }]);
      });

      it('filters with And/Or/Negate and list columns, keeping quotes and non-ASCII', async () => {
        const res = await post('/api/v1/livestatus/query', {
          site,
          query:
            'GET hosts\nColumns: name plugin_output groups\nFilter: groups >= db\nFilter: name = edge-01\nOr: 2\nFilter: name = db-01\nNegate:\nAnd: 2',
        });
        expect(res.status).toBe(200);
        expect(sorted(res.body as Row[])).toEqual([
          {
            site,
            name: 'db-02',
            plugin_output: 'host is down, "unreachable"; see ünïcode',
            groups: ['db'],
          },
          { site, name: 'edge-01', plugin_output: 'host is up', groups: [] },
        ]);
      });

      it('applies limit and answers services with the columns the README uses', async () => {
        const limited = await table('hosts', { columns: 'name', limit: '3' });
        expect(limited.body).toHaveLength(3);
        const res = await table('services', {
          columns:
            'host_name,description,state,state_type,plugin_output,has_been_checked,acknowledged',
          filter: ['state >= 1', 'host_name !~ ^edge'],
        });
        expect(res.status).toBe(200);
        const found = (res.body as Row[]).map((r) => [r.host_name, r.description, r.state]);
        expect(found).toContainEqual(['db-01', 'disk', 2]);
        expect(found).toContainEqual(['web-02', 'http', 1]);
        expect(
          found.every(([host, , state]) => !String(host).startsWith('edge') && Number(state) >= 1),
        ).toBe(true);
        expect(found.some(([, description]) => description === 'ping')).toBe(false);
      });

      it('streams ndjson and csv', async () => {
        const nd = await table('hosts', { columns: 'name,groups', format: 'ndjson' }).buffer(true);
        expect(nd.status).toBe(200);
        expect(nd.headers['content-type']).toMatch(/^application\/x-ndjson/);
        const rows = nd.text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Row);
        expect(rows).toHaveLength(TEST_HOSTS.length);
        expect(rows).toContainEqual({ site, name: 'web-01', groups: ['web'] });
        const csv = await table('hosts', {
          columns: 'name,plugin_output',
          filter: 'name = db-02',
          format: 'csv',
        }).buffer(true);
        expect(csv.text).toBe(
          `site,name,plugin_output\r\n${site},db-02,"host is down, ""unreachable""; see ünïcode"\r\n`,
        );
      });

      it('names the columns from the header row when none are given', async () => {
        const res = await table('hostgroups', { filter: 'name = web' });
        expect(res.status).toBe(200);
        expect(res.body).toEqual([
          expect.objectContaining({ site, name: 'web', alias: 'Web servers' }),
        ]);
      });

      it('answers downtimes, comments and status', async () => {
        const downtimes = await table('downtimes', {
          columns: 'host_name,service_description,author,comment,fixed,is_service',
        });
        expect(downtimes.body).toEqual([
          {
            site,
            host_name: 'web-02',
            service_description: null,
            author: 'ann',
            comment: 'rollout "v2"; ünïcode',
            fixed: true,
            is_service: 0,
          },
        ]);
        const comments = await table('comments', {
          columns: 'host_name,service_description,author,comment',
          filter: 'author = bob',
        });
        expect(comments.body).toEqual([
          {
            site,
            host_name: 'db-01',
            service_description: 'disk',
            author: 'bob',
            comment: 'disk replaced',
          },
        ]);
        const status = await table('status', { columns: 'program_version,enable_notifications' });
        expect(status.body).toEqual([
          {
            site,
            program_version: expect.stringMatching(/^r2\..*-icinga2$/),
            enable_notifications: 1,
          },
        ]);
      });

      // besides filter expressions, names read by name go into the URL path
      const PATH_TRICKS = ['web-01/../web-02', 'web-01!ping', '..%2Fweb-02', '../status', 'web-0?'];

      it.each([...FILTER_INJECTIONS, ...PATH_TRICKS])(
        'matches nothing with %j in any parameter',
        async (value) => {
          const answers = [
            await table('hosts', { columns: 'name', filter: `name = ${value}` }),
            await table('services', {
              columns: 'description',
              filter: [`host_name = ${value}`, 'description = ping'],
            }),
            await table('hosts', { columns: 'name', filter: `groups >= ${value}` }),
            await table('hosts', { columns: value }),
            await table('hosts', { columns: 'name', key: value }),
          ];
          // a query written whole may hold new lines: they end it there, as livestatus reads it
          if (!value.includes('\n')) {
            answers.push(
              await get('/query').query({
                q: `GET hosts\nColumns: name\nFilter: name = ${value}`,
                site,
              }),
              await post('/api/v1/livestatus/query', {
                site,
                query: `GET hosts\nColumns: name\nFilter: address =~ ${value}`,
              }),
            );
          }
          const stats = await table('hosts', { stats: `name = ${value}` });
          if (stats.status === 200) expect(stats.body).toEqual([{ site, [`name = ${value}`]: 0 }]);
          else expect(stats.status).toBe(400);
          for (const res of answers) {
            // refused as a bad parameter, or answered without a single host
            if (res.status === 200) {
              const rows = Array.isArray(res.body)
                ? (res.body as Row[])
                : Object.values(res.body as object);
              expect(
                rows.filter((r: Row) => typeof r.name === 'string' || r.description === 'ping'),
              ).toEqual([]);
            } else {
              expect(res.status).toBe(400);
            }
          }
        },
      );
    });

    it('refuses a column and a header without API equivalent on the API site, naming them', async () => {
      const column = await get('/api/v1/livestatus/hosts').query({
        site: 'api',
        columns: 'name,perf_data',
      });
      expect(column.status).toBe(400);
      expect(column.body.errors).toEqual([
        { field: 'columns', message: expect.stringContaining('perf_data') },
      ]);
      const header = await post('/api/v1/livestatus/query', {
        site: 'api',
        query: 'GET hosts\nColumns: name\nSort: name asc',
      });
      expect(header.status).toBe(400);
      expect(header.body.errors).toEqual([
        { field: 'query', message: expect.stringContaining('Sort') },
      ]);
      const table = await get('/api/v1/livestatus/contacts').query({ site: 'api' });
      expect(table.status).toBe(400);
      expect(table.body.detail).toContain('contacts');
    });

    it('answers the same rows from a livestatus and an API site of one Icinga, but for site', async () => {
      const columns =
        'host_name,description,display_name,state,state_type,plugin_output,has_been_checked,acknowledged,scheduled_downtime_depth,notifications_enabled,groups';
      const res = await get('/api/v1/livestatus/services').query({ site: 'ls,api', columns });
      expect(res.status).toBe(200);
      expect(res.headers['vigil-site-errors']).toBeUndefined();
      const rows = res.body as Row[];
      const ls = withoutSite(sorted(rows.filter((r) => r.site === 'ls')));
      const api = withoutSite(sorted(rows.filter((r) => r.site === 'api')));
      expect(ls.length).toBeGreaterThan(5);
      expect(api).toEqual(ls);
      const hosts = await get('/api/v1/livestatus/hosts').query({
        site: 'ls,api',
        columns: 'name,address,state,last_check,groups,scheduled_downtime_depth',
      });
      const [lsHosts, apiHosts] = ['ls', 'api'].map((s) =>
        withoutSite(sorted((hosts.body as Row[]).filter((r) => r.site === s))).map(
          ({ last_check, ...row }) => ({
            ...row,
            checked: typeof last_check === 'number' && last_check > 0,
          }),
        ),
      );
      expect(apiHosts).toEqual(lsHosts);
    });

    it('answers 502 naming a site whose API refuses the credentials, never the password', async () => {
      const alone = await get('/api/v1/livestatus/hosts').query({ site: 'bad', columns: 'name' });
      expect(alone.status).toBe(502);
      expect(alone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(alone.body.site).toBe('bad');
      expect(alone.body.detail).toContain('bad');
      const all = await get('/api/v1/livestatus/hosts').query({ columns: 'name' });
      expect(all.status).toBe(200);
      expect((all.body as Row[]).filter((r) => r.site === 'api')).toHaveLength(TEST_HOSTS.length);
      const failures = JSON.parse(String(all.headers['vigil-site-errors'])) as Row[];
      expect(failures).toEqual([
        { site: 'bad', status: 502, detail: expect.stringContaining('credentials') },
      ]);
      const sites = await get('/api/v1/livestatus/sites');
      expect(sites.body).toEqual([
        expect.objectContaining({ name: 'ls', kind: 'livestatus', reachable: true }),
        expect.objectContaining({
          name: 'api',
          kind: 'icinga2',
          address: `icinga2:${instance.url}`,
          reachable: true,
          programVersion: expect.stringMatching(/^r2\..*-icinga2$/),
        }),
        expect.objectContaining({ name: 'bad', kind: 'icinga2', reachable: false }),
      ]);
      const health = await request(app.url).get('/health');
      expect(health.status).toBe(200);
      expect(health.body.sites).toEqual([
        expect.objectContaining({ name: 'ls', kind: 'livestatus', reachable: true }),
        expect.objectContaining({
          name: 'api',
          kind: 'icinga2',
          reachable: true,
          programVersion: expect.stringMatching(/^r2\./),
        }),
        expect.objectContaining({
          name: 'bad',
          kind: 'icinga2',
          reachable: false,
          error: expect.stringContaining('credentials'),
        }),
      ]);
      const everything = [
        JSON.stringify(health.body),
        JSON.stringify(alone.body),
        JSON.stringify(all.headers),
        JSON.stringify(sites.body),
        app.logger.lines.join('\n'),
      ].join('\n');
      expect(everything).not.toContain(WRONG_PASSWORD);
      expect(everything).not.toContain(instance.password);
    });
  });
  describe('an API site that cannot be asked', () => {
    let app: TestApp;
    let silent: { port: number; close(): void };

    beforeAll(async () => {
      silent = await silentServer();
      const closed = await freePort();
      // without TLS_SERVERNAME the node's certificate (CN vigil-test-node) does not fit 127.0.0.1
      const tls = apiSite(instance, 'tls', instance.password);
      delete tls.VIGIL_SITE_TLS_TLS_SERVERNAME;
      app = await startTestApp('sqlite', {
        VIGIL_SITES: [
          `down=icinga2:https://127.0.0.1:${closed}`,
          `tls=icinga2:${instance.url}`,
          `hung=icinga2:https://127.0.0.1:${silent.port}`,
        ].join(','),
        ...apiSite(instance, 'down', instance.password),
        ...tls,
        ...apiSite(instance, 'hung', instance.password),
        VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS: '500',
        VIGIL_LIVESTATUS_TIMEOUT_MS: '1000',
      });
    });
    afterAll(async () => {
      await app?.close();
      silent?.close();
    });

    it.each([
      ['down', 503, 'cannot be reached'],
      ['tls', 503, 'certificate'],
      ['hung', 504, 'timed out'],
    ])('answers a query on site %s with %i in bounded time', async (site, status, words) => {
      const started = Date.now();
      const res = await request(app.url)
        .get('/api/v1/livestatus/hosts')
        .query({ site, columns: 'name' })
        .set('Authorization', viewer);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.site).toBe(site);
      expect(res.body.detail).toContain(words);
      expect(res.body.detail).not.toContain(instance.password);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});
