import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startIcinga } from '../../bench/livestatus-icinga';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { describeWithIcinga, type IcingaInstance } from '../support/icinga';

const operator = basicAuth(TEST_USERS.operator);
const viewer = basicAuth(TEST_USERS.viewer);
const admin = basicAuth(TEST_USERS.admin);

type Row = Record<string, unknown>;
type Transport = 'pipe' | 'livestatus';

/** The shared test objects plus a host with 200 passive services for the concurrency test. */
const BURST_OBJECTS = `
object Host "burst-01" { import "test-host" }
apply Service "burst-" for (n in range(200)) {
  check_command = "passive"
  enable_active_checks = false
  assign where host.name == "burst-01"
}
`;

/** Starts the private Icinga and waits until every active check ran once. */
async function startCommandIcinga(): Promise<IcingaInstance> {
  const objects = readFileSync(join(__dirname, '..', 'icinga', 'objects.conf'), 'utf8');
  const icinga = await startIcinga({ objects: `${objects}\n${BURST_OBJECTS}` });
  const deadline = Date.now() + 30000;
  for (;;) {
    const pending = await icinga.raw(
      'GET services\nColumns: description\nFilter: has_been_checked = 0\nFilter: active_checks_enabled = 1',
    );
    const hosts = await icinga.raw('GET hosts\nColumns: name\nFilter: has_been_checked = 0');
    if (pending.body === '[]' && hosts.body === '[]') return icinga;
    if (Date.now() > deadline) {
      await icinga.stop();
      throw new Error('the test Icinga did not check everything in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithIcinga('command endpoints against a private Icinga 2', () => {
  let icinga: IcingaInstance;
  let t: TestApp;

  beforeAll(async () => {
    icinga = await startCommandIcinga();
    t = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}`,
      VIGIL_COMMAND_PIPE: icinga.commandPipe,
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await t?.close();
    await icinga?.stop();
  });

  /** Rows straight from Icinga's livestatus socket, as objects. */
  async function ls(table: string, columns: string[], ...filters: string[]): Promise<Row[]> {
    const lql = [
      `GET ${table}`,
      `Columns: ${columns.join(' ')}`,
      ...filters.map((f) => `Filter: ${f}`),
    ];
    const answer = await icinga.raw(lql.join('\n'));
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.body) as unknown[][]).map((row) =>
      Object.fromEntries(columns.map((c, i) => [c, row[i]])),
    );
  }

  async function service(host: string, description: string, columns: string[]): Promise<Row> {
    const [row] = await ls(
      'services',
      columns,
      `host_name = ${host}`,
      `description = ${description}`,
    );
    return row;
  }

  const call = (method: 'get' | 'post' | 'delete', path: string, auth = operator) =>
    request(t.url)[method](path).set('Authorization', auth);

  /** Distinct objects per transport, so the two runs never see each other's effects. */
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
  };

  describe.each<Transport>(['pipe', 'livestatus'])('through %s', (transport) => {
    const o = OBJECTS[transport];

    it('schedules a 30-minute downtime for a host and all its services, lists and deletes it', async () => {
      const comment = `rollout via ${transport}; ticket 42`;
      const res = await call('post', '/api/v1/downtimes').send({
        hostName: o.host,
        allServices: true,
        durationSeconds: 1800,
        comment,
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
      const services = (await ls('services', ['description'], `host_name = ${o.host}`)).map(
        (r) => r.description,
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
      const rows = await ls(
        'downtimes',
        ['id', 'author', 'comment', 'fixed', 'start_time', 'end_time'],
        `host_name = ${o.host}`,
      );
      expect(rows.map((r) => r.id).sort()).toEqual(body.downtimes.map((d) => d.id).sort());
      expect(
        rows.every((r) => r.comment === comment && r.author === 'otto' && r.fixed === true),
      ).toBe(true);

      const listed = await clientAs(t.url, 'viewer').GET('/api/v1/downtimes', {
        params: { query: { hostName: o.host } },
      });
      expect(listed.data!.total).toBe(body.downtimes.length);

      for (const d of body.downtimes) {
        const del = await call('delete', `/api/v1/downtimes/${d.id}`).query({ transport });
        expect([del.status, (del.body as { confirmed: boolean }).confirmed]).toEqual([200, true]);
      }
      expect(await ls('downtimes', ['id'], `host_name = ${o.host}`)).toEqual([]);
      const again = await call('delete', `/api/v1/downtimes/${body.downtimes[0].id}`).query({
        transport,
      });
      expect(again.status).toBe(404);
    });

    it('submits a passive check result, acknowledges the problem and removes the acknowledgement', async () => {
      const { host, service: svc } = o.passive;
      const output = `backup failed via ${transport}; disk full`;
      const { data, response } = await clientAs(t.url, 'operator').POST('/api/v1/check-results', {
        body: { hostName: host, serviceDescription: svc, exitStatus: 2, output, transport },
      });
      expect([response.status, data?.confirmed]).toEqual([200, true]);
      expect(await service(host, svc, ['state', 'plugin_output'])).toEqual({
        state: 2,
        plugin_output: output,
      });

      const ack = await call('post', '/api/v1/acknowledgements').send({
        hostName: host,
        serviceDescription: svc,
        sticky: true,
        comment: 'looking into it',
        transport,
      });
      expect([ack.status, (ack.body as { confirmed: boolean }).confirmed]).toEqual([200, true]);
      expect(await service(host, svc, ['acknowledged'])).toEqual({ acknowledged: true });

      const removed = await call('delete', '/api/v1/acknowledgements').query({
        hostName: host,
        serviceDescription: svc,
        transport,
      });
      expect(removed.status).toBe(200);
      expect(await service(host, svc, ['acknowledged'])).toEqual({ acknowledged: false });

      const ok = await call('post', '/api/v1/check-results').send({
        hostName: host,
        serviceDescription: svc,
        exitStatus: 0,
        output: 'backup fine',
        transport,
      });
      expect(ok.status).toBe(200);
      expect(await service(host, svc, ['state', 'plugin_output'])).toEqual({
        state: 0,
        plugin_output: 'backup fine',
      });
      const okAck = await call('post', '/api/v1/acknowledgements').send({
        hostName: host,
        serviceDescription: svc,
        comment: 'nothing to see',
        transport,
      });
      expect(okAck.status).toBe(409);
    });

    it('forces a check now', async () => {
      const before = Math.floor(Date.now() / 1000);
      const res = await call('post', '/api/v1/checks/reschedule').send({
        hostName: o.host,
        transport,
      });
      expect([res.status, (res.body as { confirmed: boolean }).confirmed]).toEqual([200, true]);
      const [row] = await ls('hosts', ['last_check'], `name = ${o.host}`);
      expect(Number(row.last_check)).toBeGreaterThanOrEqual(before);
    });

    it('disables and enables notifications of a host, a service and globally', async () => {
      const flag = async () =>
        (await ls('hosts', ['notifications_enabled'], `name = ${o.host}`))[0];
      let res = await call('post', '/api/v1/notifications/disable').send({
        hostName: o.host,
        transport,
      });
      expect(res.status).toBe(200);
      expect(await flag()).toEqual({ notifications_enabled: 0 });
      res = await call('post', '/api/v1/notifications/enable').send({
        hostName: o.host,
        transport,
      });
      expect(res.status).toBe(200);
      expect(await flag()).toEqual({ notifications_enabled: 1 });

      res = await call('post', '/api/v1/notifications/disable').send({
        hostName: o.host,
        serviceDescription: 'ping',
        transport,
      });
      expect(res.status).toBe(200);
      expect(await service(o.host, 'ping', ['notifications_enabled'])).toEqual({
        notifications_enabled: 0,
      });
      await call('post', '/api/v1/notifications/enable').send({
        hostName: o.host,
        serviceDescription: 'ping',
        transport,
      });
      expect(await service(o.host, 'ping', ['notifications_enabled'])).toEqual({
        notifications_enabled: 1,
      });

      res = await call('post', '/api/v1/notifications/disable').send({ transport });
      expect(res.status).toBe(200);
      expect(await ls('status', ['enable_notifications'])).toEqual([{ enable_notifications: 0 }]);
      res = await call('post', '/api/v1/notifications/enable').send({ transport });
      expect(res.status).toBe(200);
      expect(await ls('status', ['enable_notifications'])).toEqual([{ enable_notifications: 1 }]);
    });

    it('adds a comment', async () => {
      const comment = `deploying build 7 via ${transport}; see #ops`;
      const res = await call('post', '/api/v1/comments').send({
        hostName: o.commentOn,
        comment,
        transport,
      });
      expect(res.status).toBe(200);
      const id = (res.body as { commentId: number }).commentId;
      const rows = await ls('comments', ['id', 'author', 'comment', 'host_name'], `id = ${id}`);
      expect(rows).toEqual([{ id, author: 'otto', comment, host_name: o.commentOn }]);
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
        const res = await call('post', path).send({ ...body, transport });
        expect([path, res.status]).toEqual([path, 404]);
      }
    });
  });

  describe('the compatible /cmd endpoint', () => {
    it.each([
      ['icinga', 'edge-01'],
      ['livestatus', 'db-01'],
    ])('answers OK with handler=%s and the command takes effect', async (handler, host) => {
      const res = await call('get', '/cmd').query({
        q: `DISABLE_HOST_NOTIFICATIONS;${host}`,
        handler,
      });
      expect([res.status, res.text]).toEqual([200, 'OK\n']);
      const flag = () => ls('hosts', ['notifications_enabled'], `name = ${host}`);
      await expect(poll(flag, (rows) => rows[0]?.notifications_enabled === 0)).resolves.toEqual([
        { notifications_enabled: 0 },
      ]);
      const back = await call(
        'post',
        `/cmd?q=ENABLE_HOST_NOTIFICATIONS%3B${host}&handler=${handler}`,
      );
      expect([back.status, back.text]).toEqual([200, 'OK\n']);
      await expect(poll(flag, (rows) => rows[0]?.notifications_enabled === 1)).resolves.toEqual([
        { notifications_enabled: 1 },
      ]);
    });

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
  });

  describe('refusals', () => {
    it.each<Transport>(['pipe', 'livestatus'])(
      'refuses a new line in a comment, a ; in a host name and commands never sent (%s), leaving Icinga unchanged',
      async (transport) => {
        const commentsBefore = await ls('comments', ['id']);
        const attempts = [
          call('post', '/api/v1/comments').send({
            hostName: 'web-01',
            comment: 'hi\n[0] DISABLE_NOTIFICATIONS',
            transport,
          }),
          call('post', '/api/v1/notifications/disable').send({ hostName: 'web-01;x', transport }),
          call('post', '/api/v1/check-results').send({
            hostName: 'web-01;ping;2;injected',
            exitStatus: 0,
            output: 'x',
            transport,
          }),
          call('post', '/api/v1/commands').send({
            command: 'SHUTDOWN_PROCESS',
            args: {},
            transport,
          }),
          call('get', '/cmd').query({
            q: 'RESTART_PROCESS',
            handler: transport === 'pipe' ? 'icinga' : 'livestatus',
          }),
        ];
        const answers = await Promise.all(attempts);
        expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
        expect(
          answers.map((a) => (a.body as { errors?: { field: string }[] }).errors?.[0].field),
        ).toEqual(['comment', 'hostName', 'hostName', 'command', 'q']);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await ls('comments', ['id'])).toEqual(commentsBefore);
        expect(await ls('status', ['enable_notifications'])).toEqual([{ enable_notifications: 1 }]);
        expect(await ls('hosts', ['notifications_enabled'], 'name = web-01')).toEqual([
          { notifications_enabled: 1 },
        ]);
      },
    );
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
      const rows = await ls(
        'services',
        ['description', 'state', 'plugin_output'],
        'host_name = burst-01',
      );
      return rows.filter(
        (r) => r.state === 2 && r.plugin_output === output(Number(String(r.description).slice(6))),
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
    const before = await ls('comments', ['id']);
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
    const rows = await ls('comments', ['id', 'comment', 'host_name'], 'host_name = edge-01');
    expect(rows.filter((r) => !before.some((b) => b.id === r.id))).toEqual([
      { id: commentId, comment: text, host_name: 'edge-01' },
    ]);
  });

  it('lists each command in the audit log with its user', async () => {
    const res = await call('get', '/api/v1/audit/commands', admin).query({
      user: 'otto',
      limit: 500,
    });
    expect(res.status).toBe(200);
    const items = (
      res.body as { items: { user: string; transport: string; command: string; outcome: string }[] }
    ).items;
    expect(items.every((i) => i.user === 'otto')).toBe(true);
    expect(new Set(items.map((i) => i.transport))).toEqual(new Set(['pipe', 'livestatus']));
    expect(
      items.filter((i) => i.command === 'PROCESS_SERVICE_CHECK_RESULT' && i.outcome === 'sent')
        .length,
    ).toBeGreaterThanOrEqual(200);
    expect(items.some((i) => i.outcome === 'failed')).toBe(true);
    const viewerRes = await call('get', '/api/v1/audit/commands', viewer);
    expect(viewerRes.status).toBe(403);
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
