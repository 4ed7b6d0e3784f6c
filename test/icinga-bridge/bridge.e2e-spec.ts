import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IcingaApiClient } from '../../src/icinga-api/icinga-api-client';
import { startTestApp, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { databaseKinds, type DatabaseKind } from '../support/database';
import { describeWithIcinga, testObjects } from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';
import { until } from '../support/until';

/**
 * Per site, a host and a service that take only vigil's passive results, set up as README's
 * "Icinga bridge" section says: the dummy check runs only when no result came for 10 minutes.
 */
const BRIDGE_OBJECTS = ['ls', 'api', 'pipe']
  .map(
    (site) => `
object Host "bridge-${site}" {
  check_command = "dummy"
  enable_active_checks = false
  max_check_attempts = 1
  check_interval = 10m
  vars.dummy_state = 2
  vars.dummy_text = "no result from vigil"
}
object Service "vigil-http" {
  host_name = "bridge-${site}"
  check_command = "dummy"
  enable_active_checks = false
  max_check_attempts = 1
  check_interval = 10m
  vars.dummy_state = 3
  vars.dummy_text = "no result from vigil"
}`,
  )
  .join('\n');

type Site = 'ls' | 'api';

describeWithIcinga('the Icinga bridge against a private Icinga 2', () => {
  let api: IcingaApiInstance;
  let icingaApi: IcingaApiClient;
  let server: Server;
  let serverUrl: string;
  /** The HTTP status each path of the target server answers with. */
  const codes = new Map<string, number>();

  beforeAll(async () => {
    // the bridge's hosts take only passive results: they are never checked before the test
    api = await startIcingaApi({
      objects: `${testObjects()}\n${BRIDGE_OBJECTS}`,
      waitForChecks: false,
    });
    await until(async () => {
      const pending = await api.icinga.raw(
        'GET hosts\nColumns: name\nFilter: has_been_checked = 0\nFilter: active_checks_enabled = 1',
      );
      return pending.body === '[]';
    }, 30_000);
    icingaApi = api.client();
    server = createServer((req, res) => {
      const code = codes.get(req.url ?? '') ?? 404;
      res.writeHead(code, { 'content-type': 'text/plain' });
      res.end(`answered ${code}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await api?.stop();
  });

  /** vigil probing on schedule, with these sites, their commands going through `transport`. */
  const startBridgeApp = (
    kind: DatabaseKind,
    transport: 'livestatus' | 'pipe',
    sites: Record<string, string>,
  ): Promise<TestApp> =>
    startTestApp(kind, {
      ...sites,
      VIGIL_COMMAND_PIPE: api.icinga.commandPipe,
      VIGIL_COMMAND_TRANSPORT: transport,
      VIGIL_PROBING_ENABLED: 'true',
      VIGIL_DOCS_ENABLED: 'false',
    });

  /** An object's state and plugin output, read back from Icinga's own API. */
  async function icingaState(
    type: 'hosts' | 'services',
    name: string,
  ): Promise<{ state: number; output?: string; perf?: string[] }> {
    const found = await icingaApi.object(type, name, ['state', 'last_check_result']);
    const result = found?.attrs.last_check_result as {
      output?: string;
      performance_data?: string[];
    } | null;
    return {
      state: Number(found?.attrs.state),
      output: result?.output,
      perf: result?.performance_data,
    };
  }

  describe.each(databaseKinds())('with %s', (kind) => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startBridgeApp(kind, 'livestatus', {
        VIGIL_SITES: `ls=unix:${api.icinga.socketPath},api=icinga2:${api.url}`,
        VIGIL_SITE_API_USER: api.user,
        VIGIL_SITE_API_PASSWORD: api.password,
        VIGIL_SITE_API_CA_FILE: api.caPath,
        VIGIL_SITE_API_TLS_SERVERNAME: api.servername,
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    const admin = () => clientAs(t.url, 'admin');

    async function createTarget(
      name: string,
      path: string,
      icinga: { site: string; hostName: string; serviceDescription?: string },
    ): Promise<number> {
      const { data, response } = await admin().POST('/api/v1/targets', {
        body: { name, url: `${serverUrl}${path}`, frequencySeconds: 1, timeoutSeconds: 1, icinga },
      });
      expect(response.status).toBe(201);
      expect(data!.icinga).toEqual({
        site: icinga.site,
        hostName: icinga.hostName,
        serviceDescription: icinga.serviceDescription ?? null,
      });
      return data!.id;
    }

    const targetOf = async (id: number) =>
      (await admin().GET('/api/v1/targets/{id}', { params: { path: { id } } })).data!;

    describe.each<Site>(['ls', 'api'])('on site %s', (site) => {
      const path = `/${kind}/${site}`;
      const service = `bridge-${site}!vigil-http`;
      const host = `bridge-${site}`;
      let ids: number[] = [];

      afterAll(async () => {
        for (const id of ids) {
          await admin().DELETE('/api/v1/targets/{id}', { params: { path: { id } } });
        }
        ids = [];
      });

      it("makes the passive service's and host's state and output follow the target: 200, 503, 200", async () => {
        codes.set(path, 200);
        ids = [
          await createTarget(`bridge ${kind} ${site} service`, path, {
            site,
            hostName: host,
            serviceDescription: 'vigil-http',
          }),
          await createTarget(`bridge ${kind} ${site} host`, path, { site, hostName: host }),
        ];
        // the first PASS is no change of status: the refresh submits it
        await until(async () => {
          const s = await icingaState('services', service);
          return s.state === 0 && /^OK: in \d+ ms$/.test(s.output ?? '');
        }, 20_000);
        await until(async () => (await icingaState('hosts', host)).state === 0, 10_000);

        codes.set(path, 503);
        await until(async () => {
          const s = await icingaState('services', service);
          return s.state === 2 && s.output === 'target status:503 != 200';
        }, 15_000);
        await until(async () => {
          const h = await icingaState('hosts', host);
          return h.state === 1 && h.output === 'target status:503 != 200';
        }, 10_000);

        codes.set(path, 200);
        await until(async () => {
          const s = await icingaState('services', service);
          return s.state === 0 && /^OK: HTTP 200 in \d+ ms$/.test(s.output ?? '');
        }, 15_000);
        await until(async () => (await icingaState('hosts', host)).state === 0, 10_000);
        const s = await icingaState('services', service);
        expect(s.perf).toEqual([expect.stringMatching(/^time=\d+\.\d{3}s;;;0$/)]);
        for (const id of ids) expect((await targetOf(id)).icingaError).toBeNull();
      }, 90_000);

      it('sets icingaError for an unknown service and goes on probing', async () => {
        const unknownPath = `${path}/unknown`;
        codes.set(unknownPath, 200);
        const id = await createTarget(`bridge ${kind} ${site} unknown`, unknownPath, {
          site,
          hostName: host,
          serviceDescription: 'no-such-service',
        });
        ids.push(id);
        await until(async () => (await targetOf(id)).icingaError !== null, 20_000);
        const target = await targetOf(id);
        // Icinga's own message: livestatus names the service, the API finds no object
        expect(target.icingaError).toMatch(
          site === 'ls'
            ? /non-existent service 'no-such-service' on host 'bridge-ls'/
            : /No objects found/,
        );
        expect(target.status).toBe('PASS');
        const probed = target.passCount;
        await until(async () => (await targetOf(id)).passCount > probed + 1, 10_000);
        expect(t.logger.lines.some((l) => l.startsWith('warn [IcingaBridge]'))).toBe(true);
      }, 60_000);
    });

    it('refuses an unknown site and bad names with 400 naming each field, creating nothing', async () => {
      const before = (await admin().GET('/api/v1/targets')).data!.total;
      const bad = await admin().POST('/api/v1/targets', {
        body: {
          name: 'bridge bad names',
          url: `${serverUrl}/x`,
          icinga: { site: 'ls', hostName: 'web;01', serviceDescription: '' },
        },
      });
      expect(bad.response.status).toBe(400);
      expect(bad.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((bad.error as { errors: unknown[] }).errors).toEqual([
        { field: 'icinga.hostName', message: 'hostName must not contain ";", a line break or NUL' },
        {
          field: 'icinga.serviceDescription',
          message: expect.stringMatching(/serviceDescription must be longer than or equal to 1/),
        },
      ]);
      const unknown = await admin().POST('/api/v1/targets', {
        body: {
          name: 'bridge unknown site',
          url: `${serverUrl}/x`,
          icinga: { site: 'nowhere', hostName: 'web-01' },
        },
      });
      expect(unknown.response.status).toBe(400);
      expect((unknown.error as { errors: unknown[] }).errors).toEqual([
        { field: 'icinga.site', message: 'unknown site nowhere (configured: ls, api)' },
      ]);
      const missing = await admin().POST('/api/v1/targets', {
        body: { name: 'bridge no host', url: `${serverUrl}/x`, icinga: { site: 'ls' } as never },
      });
      expect(missing.response.status).toBe(400);
      expect((missing.error as { errors: unknown[] }).errors).toEqual([
        { field: 'icinga.hostName', message: 'hostName is required' },
      ]);
      expect((await admin().GET('/api/v1/targets')).data!.total).toBe(before);
    });

    it('links a target on update and removes the link with null', async () => {
      codes.set('/edit', 200);
      const { data } = await admin().POST('/api/v1/targets', {
        body: { name: `bridge ${kind} edit`, url: `${serverUrl}/edit`, enabled: false },
      });
      expect(data!.icinga).toBeNull();
      const id = data!.id;
      const linked = await admin().PATCH('/api/v1/targets/{id}', {
        params: { path: { id } },
        body: { icinga: { site: 'api', hostName: 'web-01' } },
      });
      expect(linked.data!.icinga).toEqual({
        site: 'api',
        hostName: 'web-01',
        serviceDescription: null,
      });
      const renamed = await admin().PATCH('/api/v1/targets/{id}', {
        params: { path: { id } },
        body: { name: `bridge ${kind} edit 2` },
      });
      expect(renamed.data!.icinga).toEqual(linked.data!.icinga);
      const refused = await admin().PATCH('/api/v1/targets/{id}', {
        params: { path: { id } },
        body: { icinga: { site: 'gone', hostName: 'web-01' } },
      });
      expect(refused.response.status).toBe(400);
      const cleared = await admin().PATCH('/api/v1/targets/{id}', {
        params: { path: { id } },
        body: { icinga: null },
      });
      expect(cleared.data!.icinga).toBeNull();
      await admin().DELETE('/api/v1/targets/{id}', { params: { path: { id } } });
    });
  });

  describe('through the command pipe of a livestatus site', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startBridgeApp('sqlite', 'pipe', {
        VIGIL_SITES: `ls=unix:${api.icinga.socketPath}`,
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('submits through the pipe, and names an unknown service from a lookup first', async () => {
      const admin = clientAs(t.url, 'admin');
      codes.set('/pipe', 200);
      const made = await admin.POST('/api/v1/targets', {
        body: {
          name: 'bridge pipe',
          url: `${serverUrl}/pipe`,
          frequencySeconds: 1,
          timeoutSeconds: 1,
          icinga: { site: 'ls', hostName: 'bridge-pipe', serviceDescription: 'vigil-http' },
        },
      });
      expect(made.response.status).toBe(201);
      await until(async () => {
        const s = await icingaState('services', 'bridge-pipe!vigil-http');
        return s.state === 0 && /^OK: in \d+ ms$/.test(s.output ?? '');
      }, 20_000);
      codes.set('/pipe', 503);
      await until(async () => {
        const s = await icingaState('services', 'bridge-pipe!vigil-http');
        return s.state === 2 && s.output === 'target status:503 != 200';
      }, 15_000);

      const unknown = await admin.POST('/api/v1/targets', {
        body: {
          name: 'bridge pipe unknown',
          url: `${serverUrl}/pipe`,
          frequencySeconds: 1,
          timeoutSeconds: 1,
          icinga: { site: 'ls', hostName: 'bridge-pipe', serviceDescription: 'no-such-service' },
        },
      });
      const id = unknown.data!.id;
      const read = async () =>
        (await admin.GET('/api/v1/targets/{id}', { params: { path: { id } } })).data!;
      await until(async () => (await read()).icingaError !== null, 20_000);
      expect((await read()).icingaError).toBe(
        'service no-such-service of host bridge-pipe does not exist on site ls',
      );
    }, 60_000);
  });
});
