import request from 'supertest';
import type { IcingaApiClient } from '../../src/icinga-api/icinga-api-client';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { clientAs } from '../support/client';
import { describeWithIcinga, type IcingaInstance, testObjects } from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';

const operator = basicAuth(TEST_USERS.operator);
const viewer = basicAuth(TEST_USERS.viewer);
const admin = basicAuth(TEST_USERS.admin);

type Row = Record<string, unknown>;
type Transport = 'pipe' | 'livestatus' | 'api';

/**
 * The shared test objects, hosts of their own for the API site's run, and a host with 200
 * passive services for the concurrency test.
 */
const EXTRA_OBJECTS = `
object Host "api-01" { import "test-host"; address = "10.0.3.1" }
object Host "api-02" { import "test-host"; address = "10.0.3.2" }
object Host "api-03" { import "test-host"; address = "10.0.3.3" }
object Service "backup" {
  host_name = "api-01"
  import "test-service"
  check_command = "passive"
  enable_active_checks = false
}
object Host "burst-01" { import "test-host" }
apply Service "burst-" for (n in range(200)) {
  check_command = "passive"
  enable_active_checks = false
  assign where host.name == "burst-01"
}
`;

const READER_PASSWORD = 'reader-secret-never-shown';

/** The site each transport's requests name: the livestatus site, or the API site. */
const SITE: Record<Transport, string> = { pipe: 'ls', livestatus: 'ls', api: 'api' };

describeWithIcinga('command endpoints against a private Icinga 2', () => {
  describe.each(databaseKinds())('with %s', (kind) => {
    let api: IcingaApiInstance;
    let icinga: IcingaInstance;
    let icingaApi: IcingaApiClient;
    let t: TestApp;

    beforeAll(async () => {
      // one Icinga, reached as a livestatus site (socket and pipe) and as an API site
      // and, as site "reader", through an API user that may read but not act
      api = await startIcingaApi({
        objects: `${testObjects()}\n${EXTRA_OBJECTS}`,
        config: `object ApiUser "reader" { password = "${READER_PASSWORD}"; permissions = [ "objects/query/*", "status/query" ] }`,
      });
      icinga = api.icinga;
      icingaApi = api.client();
      t = await startTestApp(kind, {
        VIGIL_SITES: `ls=unix:${icinga.socketPath},api=icinga2:${api.url},reader=icinga2:${api.url}`,
        ...apiSiteEnv('API', api.user, api.password),
        ...apiSiteEnv('READER', 'reader', READER_PASSWORD),
        VIGIL_COMMAND_PIPE: icinga.commandPipe,
        VIGIL_DOCS_ENABLED: 'false',
      });
    });

    afterAll(async () => {
      await t?.close();
      await api?.stop();
    });

    /** The settings of an API site of the test Icinga named `name`, logging in as `user`. */
    const apiSiteEnv = (name: string, user: string, password: string) => ({
      [`VIGIL_SITE_${name}_USER`]: user,
      [`VIGIL_SITE_${name}_PASSWORD`]: password,
      [`VIGIL_SITE_${name}_CA_FILE`]: api.caPath,
      [`VIGIL_SITE_${name}_TLS_SERVERNAME`]: api.servername,
    });

    /** Objects straight from Icinga's own API: their attributes, filtered by `filter_vars`. */
    async function objects(
      type: string,
      attrs: string[],
      filter?: string,
      filterVars?: Record<string, unknown>,
    ): Promise<Row[]> {
      const rows: Row[] = [];
      for await (const o of icingaApi.objects(type, { attrs, filter, filterVars })) {
        rows.push(o.attrs);
      }
      return rows;
    }

    /** A host's or service's attributes, by name, from Icinga's API. */
    async function attrsOf(name: string, attrs: string[], type = 'hosts'): Promise<Row> {
      const found = await icingaApi.object(type, name, attrs);
      expect(found).not.toBeNull();
      return found!.attrs;
    }

    const service = (host: string, description: string, attrs: string[]) =>
      attrsOf(`${host}!${description}`, attrs, 'services');

    const downtimesOf = (host: string, attrs = ['legacy_id']) =>
      objects('downtimes', attrs, 'downtime.host_name == h', { h: host });

    /** A service's state and plugin output, from Icinga's API. */
    async function outputOf(host: string, description: string): Promise<Row> {
      const attrs = await service(host, description, ['state', 'last_check_result']);
      const result = attrs.last_check_result as { output?: string } | null;
      return { state: attrs.state, output: result?.output };
    }

    const globalNotifications = async () =>
      (await icingaApi.status()).app.enable_notifications as boolean;

    const call = (method: 'get' | 'post' | 'delete', path: string, auth = operator) =>
      request(t.url)[method](path).set('Authorization', auth);

    /** Distinct objects per transport, so the runs never see each other's effects. */
    const OBJECTS: Record<
      Transport,
      { host: string; passive: { host: string; service: string }; commentOn: string }
    > = {
      pipe: { host: 'web-01', passive: { host: 'db-01', service: 'backup' }, commentOn: 'edge-01' },
      livestatus: {
        host: 'web-02',
        passive: { host: 'web-01', service: 'backup' },
        commentOn: 'db-02',
      },
      api: { host: 'api-01', passive: { host: 'api-01', service: 'backup' }, commentOn: 'api-02' },
    };

    describe.each<Transport>(['pipe', 'livestatus', 'api'])('through %s', (transport) => {
      const o = OBJECTS[transport];
      const site = SITE[transport];

      it('schedules a 30-minute downtime for a host and all its services, lists and deletes it', async () => {
        const comment = `rollout via ${transport}; ticket 42`;
        const res = await call('post', '/api/v1/downtimes').send({
          hostName: o.host,
          allServices: true,
          durationSeconds: 1800,
          comment,
          site,
          transport,
        });
        expect(res.status).toBe(201);
        const body = res.body as {
          downtimes: {
            id: number;
            hostName: string;
            serviceDescription: string | null;
            start: string;
            end: string;
            fixed: boolean;
            author: string;
            comment: string;
          }[];
          commands: { transport: string; line: string }[];
          confirmed: boolean;
        };
        expect(body.confirmed).toBe(true);
        expect(
          body.commands.map((c) => [c.transport, c.line.split(';')[0].replace(/^\[\d+\] /, '')]),
        ).toEqual([[transport, 'SCHEDULE_HOST_SVC_DOWNTIME']]);
        const services = (await objects('services', ['name'], 'host.name == h', { h: o.host })).map(
          (r) => r.name,
        );
        expect(body.downtimes.map((d) => d.serviceDescription).sort()).toEqual(
          [null, ...services].sort((a, b) => String(a).localeCompare(String(b))),
        );
        for (const d of body.downtimes) {
          expect(d).toMatchObject({ hostName: o.host, fixed: true, author: 'otto', comment });
          expect(Date.parse(d.end) - Date.parse(d.start)).toBe(1800 * 1000);
          expect(Math.abs(Date.parse(d.start) - Date.now())).toBeLessThan(10000);
        }
        // read back straight from Icinga
        const rows = await downtimesOf(o.host, ['legacy_id', 'author', 'comment', 'fixed']);
        expect(rows.map((r) => r.legacy_id).sort()).toEqual(body.downtimes.map((d) => d.id).sort());
        expect(
          rows.every((r) => r.comment === comment && r.author === 'otto' && r.fixed === true),
        ).toBe(true);

        const listed = await clientAs(t.url, 'viewer').GET('/api/v1/downtimes', {
          params: { query: { hostName: o.host, site } },
        });
        expect(listed.data!.total).toBe(body.downtimes.length);

        for (const d of body.downtimes) {
          const del = await call('delete', `/api/v1/downtimes/${d.id}`).query({ site, transport });
          expect([del.status, (del.body as { confirmed: boolean }).confirmed]).toEqual([200, true]);
        }
        expect(await downtimesOf(o.host)).toEqual([]);
        const again = await call('delete', `/api/v1/downtimes/${body.downtimes[0].id}`).query({
          site,
          transport,
        });
        expect(again.status).toBe(404);
      });

      it('submits a passive check result, acknowledges the problem and removes the acknowledgement', async () => {
        const { host, service: svc } = o.passive;
        const output = `backup failed via ${transport}; disk full`;
        const { data, response } = await clientAs(t.url, 'operator').POST('/api/v1/check-results', {
          body: { hostName: host, serviceDescription: svc, exitStatus: 2, output, site, transport },
        });
        expect([response.status, data?.confirmed]).toEqual([200, true]);
        expect(await outputOf(host, svc)).toEqual({ state: 2, output });

        const ack = await call('post', '/api/v1/acknowledgements').send({
          hostName: host,
          serviceDescription: svc,
          sticky: true,
          comment: 'looking into it',
          site,
          transport,
        });
        expect([ack.status, (ack.body as { confirmed: boolean }).confirmed]).toEqual([200, true]);
        expect(await service(host, svc, ['acknowledgement'])).toEqual({ acknowledgement: 2 });

        const removed = await call('delete', '/api/v1/acknowledgements').query({
          hostName: host,
          serviceDescription: svc,
          site,
          transport,
        });
        expect(removed.status).toBe(200);
        expect(await service(host, svc, ['acknowledgement'])).toEqual({ acknowledgement: 0 });

        const ok = await call('post', '/api/v1/check-results').send({
          hostName: host,
          serviceDescription: svc,
          exitStatus: 0,
          output: 'backup fine',
          site,
          transport,
        });
        expect(ok.status).toBe(200);
        expect(await outputOf(host, svc)).toEqual({ state: 0, output: 'backup fine' });
        const okAck = await call('post', '/api/v1/acknowledgements').send({
          hostName: host,
          serviceDescription: svc,
          comment: 'nothing to see',
          site,
          transport,
        });
        expect(okAck.status).toBe(409);
      });

      it('forces a check now', async () => {
        const before = Math.floor(Date.now() / 1000);
        const res = await call('post', '/api/v1/checks/reschedule').send({
          hostName: o.host,
          site,
          transport,
        });
        expect([res.status, (res.body as { confirmed: boolean }).confirmed]).toEqual([200, true]);
        const row = await attrsOf(o.host, ['last_check']);
        expect(Number(row.last_check)).toBeGreaterThanOrEqual(before);
      });

      it('disables and enables notifications of a host, a service and globally', async () => {
        const flag = () => attrsOf(o.host, ['enable_notifications']);
        let res = await call('post', '/api/v1/notifications/disable').send({
          hostName: o.host,
          site,
          transport,
        });
        expect(res.status).toBe(200);
        expect(await flag()).toEqual({ enable_notifications: false });
        res = await call('post', '/api/v1/notifications/enable').send({
          hostName: o.host,
          site,
          transport,
        });
        expect(res.status).toBe(200);
        expect(await flag()).toEqual({ enable_notifications: true });

        res = await call('post', '/api/v1/notifications/disable').send({
          hostName: o.host,
          serviceDescription: 'ping',
          site,
          transport,
        });
        expect(res.status).toBe(200);
        expect(await service(o.host, 'ping', ['enable_notifications'])).toEqual({
          enable_notifications: false,
        });
        await call('post', '/api/v1/notifications/enable').send({
          hostName: o.host,
          serviceDescription: 'ping',
          site,
          transport,
        });
        expect(await service(o.host, 'ping', ['enable_notifications'])).toEqual({
          enable_notifications: true,
        });

        res = await call('post', '/api/v1/notifications/disable').send({ site, transport });
        expect(res.status).toBe(200);
        expect(await globalNotifications()).toBe(false);
        res = await call('post', '/api/v1/notifications/enable').send({ site, transport });
        expect(res.status).toBe(200);
        expect(await globalNotifications()).toBe(true);
      });

      it('adds a comment', async () => {
        const comment = `deploying build 7 via ${transport}; see #ops`;
        const res = await call('post', '/api/v1/comments').send({
          hostName: o.commentOn,
          comment,
          site,
          transport,
        });
        expect(res.status).toBe(200);
        const id = (res.body as { commentId: number }).commentId;
        const rows = await objects(
          'comments',
          ['legacy_id', 'author', 'text', 'host_name'],
          'comment.legacy_id == id',
          { id },
        );
        expect(rows).toEqual([
          { legacy_id: id, author: 'otto', text: comment, host_name: o.commentOn },
        ]);
      });

      it('answers 404 for an unknown host, service or group, sending nothing', async () => {
        const cases: [string, object][] = [
          ['/api/v1/downtimes', { hostName: 'nope-01', durationSeconds: 60, comment: 'x' }],
          [
            '/api/v1/downtimes',
            { hostName: o.host, serviceDescription: 'nope', durationSeconds: 60, comment: 'x' },
          ],
          ['/api/v1/downtimes', { hostGroup: 'nope', durationSeconds: 60, comment: 'x' }],
          ['/api/v1/downtimes', { serviceGroup: 'nope', durationSeconds: 60, comment: 'x' }],
          ['/api/v1/comments', { hostName: 'nope-01', comment: 'x' }],
          [
            '/api/v1/check-results',
            { hostName: o.host, serviceDescription: 'nope', exitStatus: 0, output: 'x' },
          ],
        ];
        for (const [path, body] of cases) {
          const res = await call('post', path).send({ ...body, site, transport });
          expect([path, res.status]).toEqual([path, 404]);
        }
      });
    });

    describe('the compatible /cmd endpoint', () => {
      it.each([
        ['icinga', 'ls', 'edge-01'],
        ['livestatus', 'ls', 'db-01'],
        ['livestatus', 'api', 'api-02'],
      ])(
        'answers OK with handler=%s on site %s and the command takes effect',
        async (handler, site, host) => {
          const res = await call('get', '/cmd').query({
            q: `DISABLE_HOST_NOTIFICATIONS;${host}`,
            handler,
            site,
          });
          expect([res.status, res.text]).toEqual([200, 'OK\n']);
          const flag = () => attrsOf(host, ['enable_notifications']);
          await expect(poll(flag, (r) => r.enable_notifications === false)).resolves.toEqual({
            enable_notifications: false,
          });
          const back = await call(
            'post',
            `/cmd?q=ENABLE_HOST_NOTIFICATIONS%3B${host}&handler=${handler}&site=${site}`,
          );
          expect([back.status, back.text]).toEqual([200, 'OK\n']);
          await expect(poll(flag, (r) => r.enable_notifications === true)).resolves.toEqual({
            enable_notifications: true,
          });
        },
      );

      it("answers 400 with Icinga's message when livestatus rejects the command", async () => {
        const res = await call('get', '/cmd').query({
          q: 'ADD_HOST_COMMENT;nope-01;1;me;hi',
          handler: 'livestatus',
        });
        expect(res.status).toBe(400);
        expect((res.body as { detail: string }).detail).toBe(
          "Error: Cannot add host comment for non-existent host 'nope-01'",
        );
      });

      it("answers 404 with Icinga's message when the API site knows no such host", async () => {
        const res = await call('get', '/cmd').query({
          q: 'ADD_HOST_COMMENT;nope-01;1;me;hi',
          site: 'api',
        });
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((res.body as { detail: string }).detail).toMatch(/No objects found/);
      });

      it("answers 404 with Icinga's message and a hint when the API user may not act, changing nothing", async () => {
        const res = await call('post', '/api/v1/comments').send({
          hostName: 'api-02',
          comment: 'not allowed',
          site: 'reader',
        });
        // Icinga filters the objects of an action by permission: none left is "No objects found."
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((res.body as { detail: string }).detail).toMatch(
          /No objects found.*may not run this action/,
        );
        expect(JSON.stringify(res.body)).not.toContain(READER_PASSWORD);
        expect(
          await objects('comments', ['legacy_id'], 'comment.text == t', { t: 'not allowed' }),
        ).toEqual([]);
      });

      it("answers 400 with Icinga's message when the API site refuses the command", async () => {
        // web-02 is UP: Icinga refuses to acknowledge it
        const res = await call('get', '/cmd').query({
          q: 'ACKNOWLEDGE_HOST_PROBLEM;web-02;1;0;0;me;nothing',
          site: 'api',
        });
        expect(res.status).toBe(400);
        expect((res.body as { detail: string }).detail).toMatch(/Host web-02 is UP/);
      });
    });

    describe('refusals', () => {
      it.each<Transport>(['pipe', 'livestatus', 'api'])(
        'refuses a new line in a comment, a ; in a host name and commands never sent (%s), leaving Icinga unchanged',
        async (transport) => {
          const site = SITE[transport];
          const commentsBefore = await objects('comments', ['legacy_id']);
          const attempts = [
            call('post', '/api/v1/comments').send({
              hostName: 'web-01',
              comment: 'hi\n[0] DISABLE_NOTIFICATIONS',
              site,
              transport,
            }),
            call('post', '/api/v1/notifications/disable').send({
              hostName: 'web-01;x',
              site,
              transport,
            }),
            call('post', '/api/v1/check-results').send({
              hostName: 'web-01;ping;2;injected',
              exitStatus: 0,
              output: 'x',
              site,
              transport,
            }),
            call('post', '/api/v1/commands').send({
              command: 'SHUTDOWN_PROCESS',
              args: {},
              site,
              transport,
            }),
            call('get', '/cmd').query({
              q: 'RESTART_PROCESS',
              handler: transport === 'pipe' ? 'icinga' : 'livestatus',
              site,
            }),
          ];
          const answers = await Promise.all(attempts);
          expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
          expect(
            answers.map((a) => (a.body as { errors?: { field: string }[] }).errors?.[0].field),
          ).toEqual(['comment', 'hostName', 'hostName', 'command', 'q']);
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(await objects('comments', ['legacy_id'])).toEqual(commentsBefore);
          expect(await globalNotifications()).toBe(true);
          expect(await attrsOf('web-01', ['enable_notifications'])).toEqual({
            enable_notifications: true,
          });
        },
      );

      it('refuses on an API site, with 400 naming the command, what has no API equivalent', async () => {
        const answers = await Promise.all([
          call('post', '/api/v1/commands').send({
            command: 'DELAY_HOST_NOTIFICATION',
            args: { host: 'api-01', notificationTime: 2000000000 },
            site: 'api',
          }),
          call('post', '/api/v1/commands').send({
            command: 'ENABLE_HOST_FLAP_DETECTION',
            args: ['api-01'],
            site: 'api',
          }),
          call('get', '/cmd').query({ q: 'DISABLE_HOST_FLAP_DETECTION;api-01', site: 'api' }),
          call('post', '/api/v1/comments').send({
            hostName: 'api-01',
            comment: 'through the pipe',
            site: 'api',
            transport: 'pipe',
          }),
        ]);
        expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
        expect(
          answers.map((a) => (a.body as { errors: { field: string }[] }).errors[0].field),
        ).toEqual(['command', 'command', 'q', 'transport']);
        for (const a of answers.slice(0, 3)) {
          expect((a.body as { errors: { message: string }[] }).errors[0].message).toMatch(
            /not available on an Icinga 2 API site/,
          );
        }
        expect(await attrsOf('api-01', ['enable_flapping'])).toEqual({ enable_flapping: false });
        expect(
          await objects('comments', ['legacy_id'], 'comment.host_name == h', { h: 'api-01' }),
        ).toEqual([]);
      });

      const NAMES = [
        'x" || true || "',
        'h0001" || host.name != "',
        'web-01\u0000',
        'web-01\nweb-02',
        '{{web-01}}',
      ];
      it.each(
        (['pipe', 'livestatus', 'api'] as Transport[]).flatMap((transport) =>
          NAMES.map((name): [Transport, string] => [transport, name]),
        ),
      )('lets no parameter take %s the name %j to more than it names', async (transport, name) => {
        const site = SITE[transport];
        const downtimesBefore = await objects('downtimes', ['legacy_id']);
        const downtime = (subject: object) =>
          call('post', '/api/v1/downtimes').send({
            ...subject,
            durationSeconds: 600,
            comment: 'injected',
            site,
            transport,
          });
        const answers = await Promise.all([
          downtime({ hostName: name, allServices: true }),
          downtime({ hostGroup: name, allServices: true }),
          downtime({ hostName: 'web-01', serviceDescription: name }),
          call('post', '/api/v1/notifications/disable').send({ hostName: name, site, transport }),
          call('post', '/api/v1/commands').send({
            command: 'DISABLE_HOSTGROUP_HOST_NOTIFICATIONS',
            args: { hostgroup: name },
            site,
            transport,
          }),
          call('post', '/api/v1/commands').send({
            command: 'DISABLE_HOST_SVC_NOTIFICATIONS',
            args: { host: name },
            site,
            transport,
          }),
          call('post', '/api/v1/commands').send({
            command: 'SCHEDULE_SERVICEGROUP_SVC_DOWNTIME',
            args: {
              servicegroup: name,
              start: Math.floor(Date.now() / 1000),
              end: Math.floor(Date.now() / 1000) + 600,
              fixed: true,
              triggerId: 0,
              duration: 600,
              author: 'otto',
              comment: 'injected',
            },
            site,
            transport,
          }),
        ]);
        // the pipe cannot tell that Icinga ignored a command for no object (202)
        const refused = transport === 'pipe' ? [202, 400, 404] : [400, 404];
        for (const a of answers) expect(refused).toContain(a.status);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await objects('downtimes', ['legacy_id'])).toEqual(downtimesBefore);
        const disabled = [
          ...(await objects('hosts', ['name'], 'host.enable_notifications == false')),
          ...(await objects('services', ['name'], 'service.enable_notifications == false')),
        ];
        expect(disabled).toEqual([]);
      });
    });

    it('takes 200 concurrent check results through the pipe; all arrive intact', async () => {
      const output = (i: number) => `burst result ${i}; ${'y'.repeat(200)} end ${i}`;
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          call('post', '/api/v1/commands').send({
            command: 'PROCESS_SERVICE_CHECK_RESULT',
            args: { host: 'burst-01', service: `burst-${i}`, returnCode: 2, output: output(i) },
            transport: 'pipe',
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(202));
      const intact = async () => {
        const rows = await objects(
          'services',
          ['name', 'state', 'last_check_result'],
          'host.name == h',
          { h: 'burst-01' },
        );
        return rows.filter(
          (r) =>
            r.state === 2 &&
            (r.last_check_result as { output?: string } | null)?.output ===
              output(Number(String(r.name).slice(6))),
        ).length;
      };
      await expect(poll(intact, (n) => n === 200)).resolves.toBe(200);
    });

    it('takes a comment that makes a command of exactly 4096 bytes through the pipe, intact, and refuses one byte more', async () => {
      // `[<10-digit epoch>] ADD_HOST_COMMENT;edge-01;1;otto;` + comment + newline
      const fixed = Buffer.byteLength('[1234567890] ADD_HOST_COMMENT;edge-01;1;otto;\n');
      const comment = (bytes: number, tag: string) => {
        const head = `${tag}; Grüße `;
        const room = bytes - fixed - Buffer.byteLength(head);
        return head + 'ö'.repeat(Math.floor(room / 2)) + '.'.repeat(room % 2);
      };
      const send = (text: string) =>
        call('post', '/api/v1/comments').send({
          hostName: 'edge-01',
          comment: text,
          transport: 'pipe',
        });
      const commentsOf = () =>
        objects('comments', ['legacy_id', 'text', 'host_name'], 'comment.host_name == h', {
          h: 'edge-01',
        });
      const before = await commentsOf();
      const over = await send(comment(4097, 'one byte over'));
      expect(over.status).toBe(400);
      expect((over.body as { detail: string }).detail).toMatch(/at most 4096 bytes/);

      const text = comment(4096, 'at the limit');
      const res = await send(text);
      expect(res.status).toBe(200);
      const { commentId, commands } = res.body as {
        commentId: number;
        commands: { line: string }[];
      };
      expect(Buffer.byteLength(`${commands[0].line}\n`)).toBe(4096);
      const rows = await commentsOf();
      expect(rows.filter((r) => !before.some((b) => b.legacy_id === r.legacy_id))).toEqual([
        { legacy_id: commentId, text, host_name: 'edge-01' },
      ]);
    });

    it('takes commands with only an API site configured: no socket, no pipe, no site or transport named', async () => {
      const only = await startTestApp(kind, {
        VIGIL_SITES: `api=icinga2:${api.url}`,
        ...apiSiteEnv('API', api.user, api.password),
        VIGIL_DOCS_ENABLED: 'false',
      });
      try {
        const as = (method: 'post' | 'delete' | 'get', path: string) =>
          request(only.url)[method](path).set('Authorization', operator);
        const created = await as('post', '/api/v1/downtimes').send({
          hostName: 'api-02',
          durationSeconds: 600,
          comment: 'api only',
        });
        expect(created.status).toBe(201);
        const [downtime] = (created.body as { downtimes: { id: number }[] }).downtimes;
        expect((created.body as { commands: { transport: string }[] }).commands).toEqual([
          expect.objectContaining({ transport: 'api', site: 'api' }),
        ]);
        expect((await downtimesOf('api-02')).map((d) => d.legacy_id)).toEqual([downtime.id]);
        const deleted = await as('delete', `/api/v1/downtimes/${downtime.id}`);
        expect(deleted.status).toBe(200);
        expect(await downtimesOf('api-02')).toEqual([]);
        const cmd = await as('get', '/cmd').query({ q: 'DISABLE_HOST_NOTIFICATIONS;api-02' });
        expect([cmd.status, cmd.text]).toEqual([200, 'OK\n']);
        expect(await attrsOf('api-02', ['enable_notifications'])).toEqual({
          enable_notifications: false,
        });
        await as('get', '/cmd').query({ q: 'ENABLE_HOST_NOTIFICATIONS;api-02' });
        expect(await attrsOf('api-02', ['enable_notifications'])).toEqual({
          enable_notifications: true,
        });
      } finally {
        await only.close();
      }
    });

    it('answers on an API site with the downtime it scheduled, not its twin of the same second', async () => {
      // same host, author, window and comment: only the name Icinga gave each tells them apart
      const twin = {
        hostName: 'api-03',
        start: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
        durationSeconds: 900,
        comment: 'twin',
        site: 'api',
      };
      const first = await call('post', '/api/v1/downtimes').send(twin);
      const second = await call('post', '/api/v1/downtimes').send(twin);
      const ids = (res: request.Response) => {
        expect([res.status, (res.body as { confirmed: boolean }).confirmed]).toEqual([201, true]);
        return (res.body as { downtimes: { id: number }[] }).downtimes.map((d) => d.id);
      };
      const [a, b] = [ids(first), ids(second)];
      expect(a).toHaveLength(1);
      expect(b).toHaveLength(1);
      expect(b).not.toEqual(a);
      expect((await downtimesOf('api-03')).map((d) => d.legacy_id).sort()).toEqual(
        [...a, ...b].sort(),
      );
      for (const id of [...a, ...b]) {
        const del = await call('delete', `/api/v1/downtimes/${id}`).query({ site: 'api' });
        expect(del.status).toBe(200);
      }
    });

    it('lists each command in the audit log with its user', async () => {
      const res = await call('get', '/api/v1/audit/commands', admin).query({
        user: 'otto',
        limit: 500,
      });
      expect(res.status).toBe(200);
      const items = (
        res.body as {
          items: {
            user: string;
            transport: string;
            site: string;
            command: string;
            line: string;
            outcome: string;
          }[];
        }
      ).items;
      expect(items.every((i) => i.user === 'otto')).toBe(true);
      expect(new Set(items.map((i) => i.transport))).toEqual(
        new Set(['pipe', 'livestatus', 'api']),
      );
      // an API command is recorded as the requests it made, without credentials
      const scheduled = items.find(
        (i) => i.transport === 'api' && i.command === 'SCHEDULE_HOST_SVC_DOWNTIME',
      );
      expect(scheduled).toMatchObject({ site: 'api', outcome: 'sent' });
      expect(scheduled!.line).toMatch(
        /^POST \/v1\/actions\/schedule-downtime \{"type":"Host","host":"api-01",/,
      );
      expect(scheduled!.line).toContain(
        '\nPOST /v1/actions/schedule-downtime {"type":"Service","filter":"host.name == vigil_host","filter_vars":{"vigil_host":"api-01"},',
      );
      const refused = items.find((i) => i.transport === 'api' && i.outcome === 'failed');
      expect(refused?.line).toMatch(/^POST \/v1\//);
      for (const i of items) expect(i.line).not.toContain(api.password);
      expect(
        items.filter((i) => i.command === 'PROCESS_SERVICE_CHECK_RESULT' && i.outcome === 'sent')
          .length,
      ).toBeGreaterThanOrEqual(200);
      expect(items.some((i) => i.outcome === 'failed')).toBe(true);
      const viewerRes = await call('get', '/api/v1/audit/commands', viewer);
      expect(viewerRes.status).toBe(403);
    });
  });
});

/** Polls `read` until `done` holds, for at most 3 s; returns the last value. */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
