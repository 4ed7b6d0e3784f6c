import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { databaseKinds } from '../support/database';
import { until } from '../support/until';
import {
  type FakePipe,
  fillPipe,
  makeFakePipe,
  type ReaderProcess,
  startReaderProcess,
} from './fake-pipe';

const operator = basicAuth(TEST_USERS.operator);
const admin = basicAuth(TEST_USERS.admin);
const viewer = basicAuth(TEST_USERS.viewer);
const LINE = /^\[(\d+)\] /;

/** The line without its `[<epoch>] ` prefix. */
const bare = (line: string) => line.replace(LINE, '');

describe.each(databaseKinds())('commands through a command pipe, on %s', (kind) => {
  let pipe: FakePipe;
  let t: TestApp;

  beforeAll(async () => {
    pipe = makeFakePipe();
    pipe.listen();
    t = await startTestApp(kind, {
      VIGIL_COMMAND_PIPE: pipe.path,
      // a livestatus socket that is surely missing, never one of an Icinga on this machine
      VIGIL_LIVESTATUS_SITES: `local=unix:${pipe.path}.livestatus`,
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await t?.close();
    pipe?.close();
  });

  beforeEach(() => {
    pipe.lines.length = 0;
  });

  const post = (path: string, auth = operator) =>
    request(t.url).post(path).set('Authorization', auth);

  it('lists the catalogue with argument schemas to viewers', async () => {
    const { data, response } = await clientAs(t.url, 'viewer').GET('/api/v1/commands/catalog');
    expect(response.status).toBe(200);
    const svcDowntime = data?.find((c) => c.name === 'SCHEDULE_SVC_DOWNTIME');
    expect(svcDowntime?.args.map((a) => [a.name, a.type, a.required, a.freeText])).toEqual([
      ['host', 'string', true, false],
      ['service', 'string', true, false],
      ['start', 'epoch', true, false],
      ['end', 'epoch', true, false],
      ['fixed', 'boolean', true, false],
      ['triggerId', 'downtimeId', true, false],
      ['duration', 'integer', true, false],
      ['author', 'string', true, false],
      ['comment', 'string', true, true],
    ]);
    for (const name of ['DEL_SVC_DOWNTIME', 'ACKNOWLEDGE_HOST_PROBLEM', 'ENABLE_NOTIFICATIONS']) {
      expect(data?.map((c) => c.name)).toContain(name);
    }
  });

  it('sends a generic command by argument names and answers 202 with the line', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { data, response } = await clientAs(t.url, 'operator').POST('/api/v1/commands', {
      body: {
        command: 'add_host_comment',
        args: { host: 'web-01', persistent: true, author: 'otto', comment: 'a; b' },
      },
    });
    expect(response.status).toBe(202);
    expect(data).toEqual({
      line: expect.stringMatching(LINE) as string,
      transport: 'pipe',
      site: 'local',
      submittedAt: expect.any(String) as string,
    });
    expect(Number(LINE.exec(data!.line)![1])).toBeGreaterThanOrEqual(before);
    expect(bare(data!.line)).toBe('ADD_HOST_COMMENT;web-01;1;otto;a; b');
    await until(() => pipe.lines.length === 1);
    expect(pipe.lines).toEqual([data!.line]);
  });

  it('answers /cmd with OK and a new line as text, GET and POST, handler=icinga', async () => {
    const res = await request(t.url)
      .get('/cmd')
      .query({ q: 'DISABLE_HOST_NOTIFICATIONS;web-01', handler: 'icinga' })
      .set('Authorization', operator);
    expect([res.status, res.headers['content-type'], res.text]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'OK\n',
    ]);
    const posted = await post('/cmd?q=ENABLE_HOST_NOTIFICATIONS%3Bweb-01&handler=icinga');
    expect([posted.status, posted.text]).toEqual([200, 'OK\n']);
    await until(() => pipe.lines.length === 2);
    expect(pipe.lines.map(bare)).toEqual([
      'DISABLE_HOST_NOTIFICATIONS;web-01',
      'ENABLE_HOST_NOTIFICATIONS;web-01',
    ]);
  });

  it.each([
    [
      'a new line in a comment',
      {
        command: 'ADD_HOST_COMMENT',
        args: { host: 'web-01', persistent: true, author: 'o', comment: 'x\n[1] SHUTDOWN_PROCESS' },
      },
      'args.comment',
    ],
    [
      'a ; in a host name',
      { command: 'DISABLE_HOST_NOTIFICATIONS', args: { host: 'web-01;x' } },
      'args.host',
    ],
    [
      'a NUL in a host name',
      { command: 'DISABLE_HOST_NOTIFICATIONS', args: ['web\u000001'] },
      'args.host',
    ],
    ['an unknown command', { command: 'SHUTDOWN_PROCESS', args: {} }, 'command'],
    ['a missing argument', { command: 'DEL_HOST_DOWNTIME', args: {} }, 'args.downtimeId'],
    [
      'an object as argument',
      { command: 'DEL_HOST_DOWNTIME', args: { downtimeId: { a: 1 } } },
      'args.downtimeId',
    ],
    [
      'arguments that are no list or object',
      { command: 'ENABLE_NOTIFICATIONS', args: 'x' },
      'args',
    ],
  ])('refuses %s with 400 naming it, and writes nothing', async (_what, body, field) => {
    const res = await post('/api/v1/commands').send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe(field);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pipe.lines).toEqual([]);
  });

  it('refuses /cmd with a refused or malformed command or a line break, writing nothing', async () => {
    for (const q of [
      'SHUTDOWN_PROCESS',
      'process_file;/etc/icinga2/cmds;0',
      'no such command;x',
      'DISABLE_HOST_NOTIFICATIONS;web-01\n[1] SHUTDOWN_PROCESS',
    ]) {
      for (const handler of [undefined, 'icinga']) {
        const res = await request(t.url)
          .get('/cmd')
          .query({ q, handler })
          .set('Authorization', operator);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pipe.lines).toEqual([]);
  });

  it('sends an uncatalogued command through /cmd and the API as given, audited as such', async () => {
    const cmd = await post('/cmd')
      .type('form')
      .send({ q: 'ENABLE_HOST_FLAP_DETECTION;web-01', handler: 'icinga', _: '1700000000' });
    expect([cmd.status, cmd.text]).toEqual([200, 'OK\n']);
    const api = await post('/api/v1/commands').send({
      command: 'CHANGE_CUSTOM_HOST_VAR',
      args: ['web-01', 'owner', 'team a; b'],
      transport: 'pipe',
    });
    expect(api.status).toBe(202);
    await until(() => pipe.lines.length === 2);
    expect(pipe.lines.map(bare)).toEqual([
      'ENABLE_HOST_FLAP_DETECTION;web-01',
      'CHANGE_CUSTOM_HOST_VAR;web-01;owner;team a; b',
    ]);
    const audit = await request(t.url)
      .get('/api/v1/audit/commands?limit=2')
      .set('Authorization', admin);
    const items = (audit.body as { items: { command: string; catalogued: boolean }[] }).items;
    expect(items.map((i) => [i.command, i.catalogued])).toEqual([
      ['CHANGE_CUSTOM_HOST_VAR', false],
      ['ENABLE_HOST_FLAP_DETECTION', false],
    ]);
  });

  it.each([
    ['a CR', 'ENABLE_HOST_FLAP_DETECTION;web-01\r'],
    ['a LF and a second command', 'ENABLE_HOST_FLAP_DETECTION;web-01\n[1] SHUTDOWN_PROCESS'],
    ['a NUL', 'ENABLE_HOST_FLAP_DETECTION;web\u000001'],
    ['a ;-joined catalogued command', 'ENABLE_HOST_FLAP_DETECTION;web-01;DISABLE_NOTIFICATIONS'],
    ['a ;-joined refused command', 'ENABLE_HOST_FLAP_DETECTION;web-01;SHUTDOWN_PROCESS'],
    ['a ;-joined epoch prefix', 'ENABLE_HOST_FLAP_DETECTION;web-01;[1] DISABLE_NOTIFICATIONS'],
    ['a COMMAND argument', 'ENABLE_HOST_FLAP_DETECTION;COMMAND [1] SHUTDOWN_PROCESS'],
    ['a GET argument', 'ENABLE_HOST_FLAP_DETECTION;GET hosts'],
    ['COMMAND as the name', 'COMMAND [1] SHUTDOWN_PROCESS'],
    ['GET as the name', 'GET;hosts'],
  ])('refuses an uncatalogued command carrying %s, /cmd and API alike', async (_what, q) => {
    for (const handler of [undefined, 'icinga']) {
      const legacy = await post('/cmd').type('form').send({ q, handler });
      expect([legacy.status, (legacy.body as { errors: { field: string }[] }).errors]).toEqual([
        400,
        [{ field: 'q', message: expect.any(String) as string }],
      ]);
    }
    const [command, ...args] = q.split(';');
    const api = await post('/api/v1/commands').send({ command, args, transport: 'pipe' });
    expect(api.status).toBe(400);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pipe.lines).toEqual([]);
  });

  it.each([
    ['/api/v1/check-results', { hostName: 'web-01', exitStatus: 2, output: 'x' }, 'exitStatus'],
    ['/api/v1/downtimes', { hostName: 'web-01', comment: 'x' }, 'end'],
    [
      '/api/v1/downtimes',
      { hostName: 'a', hostGroup: 'b', durationSeconds: 60, comment: 'x' },
      'hostName',
    ],
    [
      '/api/v1/downtimes',
      { serviceDescription: 'ping', hostGroup: 'web', durationSeconds: 60, comment: 'x' },
      'serviceDescription',
    ],
    [
      '/api/v1/downtimes',
      {
        hostName: 'web-01',
        start: '2030-01-02T00:00:00Z',
        end: '2030-01-01T00:00:00Z',
        comment: 'x',
      },
      'end',
    ],
    [
      '/api/v1/downtimes',
      { hostName: 'web-01', durationSeconds: 60, comment: 'x', site: 'nowhere' },
      'site',
    ],
    [
      '/api/v1/comments',
      { hostName: 'web-01', comment: 'x', transport: 'carrier-pigeon' },
      'transport',
    ],
  ])('refuses a bad %s request with 400 before asking livestatus', async (path, body, field) => {
    const res = await post(path).send(body);
    expect(res.status).toBe(400);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      field,
    );
    expect(pipe.lines).toEqual([]);
  });

  describe('a command longer than the pipe takes in one write (4096 bytes)', () => {
    const big = 'ü'.repeat(30 * 1024); // 60 KiB in UTF-8, 30 K characters
    type Problem = { detail: string; errors: { field: string; message: string }[] };

    const expectRefused = async (res: request.Response, field: string) => {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.body as Problem;
      expect(body.errors.map((e) => e.field)).toEqual([field]);
      expect(body.detail).toMatch(/at most 4096 bytes per command/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pipe.lines).toEqual([]);
    };

    it('refuses a 60 KiB downtime comment with 400 naming it and the limit, writing nothing', async () => {
      const res = await post('/api/v1/downtimes').send({
        hostName: 'web-01',
        allServices: true,
        durationSeconds: 1800,
        comment: big,
      });
      await expectRefused(res, 'comment');
      expect((res.body as Problem).errors[0].message).toMatch(/^is 61440 bytes long and makes/);
    });

    it('refuses a 60 KiB comment sent as a generic command', async () => {
      const res = await post('/api/v1/commands').send({
        command: 'ADD_HOST_COMMENT',
        args: { host: 'web-01', persistent: true, author: 'otto', comment: big },
      });
      await expectRefused(res, 'args.comment');
    });

    it('refuses a long /cmd command, GET and POST, naming q', async () => {
      // 8 KiB: a query string still within Node's 16 KiB limit on a request head
      const q = `ADD_HOST_COMMENT;web-01;1;otto;${'x'.repeat(8192)}`;
      const get = await request(t.url)
        .get('/cmd')
        .query({ q, handler: 'icinga' })
        .set('Authorization', operator);
      await expectRefused(get, 'q');
      await expectRefused(await post('/cmd').query({ q, handler: 'icinga' }), 'q');
    });

    it("answers a 60 KiB /cmd query string with Node's 431 (request head too large), writing nothing", async () => {
      const q = `ADD_HOST_COMMENT;web-01;1;otto;${'x'.repeat(60 * 1024)}`;
      const res = await request(t.url)
        .get('/cmd')
        .query({ q, handler: 'icinga' })
        .set('Authorization', operator);
      expect(res.status).toBe(431);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pipe.lines).toEqual([]);
    });

    it('leaves the livestatus transport without that limit', async () => {
      const res = await post('/api/v1/commands').send({
        command: 'ADD_HOST_COMMENT',
        args: { host: 'web-01', persistent: true, author: 'otto', comment: big },
        transport: 'livestatus',
      });
      // it got as far as the (missing) livestatus socket
      expect(res.status).toBe(503);
      expect((res.body as Problem).detail).toMatch(/livestatus/);
    });

    it('sends a command of exactly 4096 bytes with its newline and refuses 4097', async () => {
      // `[<10-digit epoch>] ADD_HOST_COMMENT;web-01;1;otto;` + comment + newline
      const fixed = Buffer.byteLength('[1234567890] ADD_HOST_COMMENT;web-01;1;otto;\n');
      const comment = (bytes: number) =>
        'ä'.repeat(Math.floor((bytes - fixed) / 2)) + ';'.repeat((bytes - fixed) % 2);
      const send = (bytes: number) =>
        post('/api/v1/commands').send({
          command: 'ADD_HOST_COMMENT',
          args: { host: 'web-01', persistent: true, author: 'otto', comment: comment(bytes) },
        });
      const over = await send(4097);
      await expectRefused(over, 'args.comment');
      expect((over.body as Problem).errors[0].message).toMatch(/makes a command of 4097 bytes/);
      const exact = await send(4096);
      expect(exact.status).toBe(202);
      const { line } = exact.body as { line: string };
      expect(Buffer.byteLength(`${line}\n`)).toBe(4096);
      await until(() => pipe.lines.length === 1);
      expect(pipe.lines).toEqual([line]);
    });
  });

  it('needs the operator role to send and admin to read the audit log', async () => {
    const sent = await post('/api/v1/commands', viewer).send({
      command: 'ENABLE_NOTIFICATIONS',
      args: {},
    });
    expect(sent.status).toBe(403);
    const audit = await request(t.url).get('/api/v1/audit/commands').set('Authorization', operator);
    expect(audit.status).toBe(403);
  });

  it('writes 200 concurrent commands as 200 intact lines', async () => {
    const text = (i: number) => `burst ${i} ${'x'.repeat(300)}; and more ${i}`;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post('/api/v1/commands').send({
          command: 'PROCESS_SERVICE_CHECK_RESULT',
          args: ['web-01', `svc-${i}`, 2, text(i)],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(202));
    await until(() => pipe.lines.length >= 200);
    const got = pipe.lines.map(bare).sort();
    const want = Array.from(
      { length: 200 },
      (_, i) => `PROCESS_SERVICE_CHECK_RESULT;web-01;svc-${i};2;${text(i)}`,
    ).sort();
    expect(got).toEqual(want);
  });

  it('records every command sent with its user, newest first, filtered by user', async () => {
    await post('/api/v1/commands', admin).send({ command: 'DISABLE_FLAP_DETECTION', args: {} });
    await post('/api/v1/commands').send({ command: 'ENABLE_FLAP_DETECTION', args: [] });
    const { data, response } = await clientAs(t.url, 'admin').GET('/api/v1/audit/commands', {
      params: { query: { limit: 2 } },
    });
    expect(response.status).toBe(200);
    expect(data!.total).toBeGreaterThanOrEqual(204);
    expect(data!.items.map((i) => [i.user, i.command, i.transport, i.site, i.outcome])).toEqual([
      ['otto', 'ENABLE_FLAP_DETECTION', 'pipe', 'local', 'sent'],
      ['ada', 'DISABLE_FLAP_DETECTION', 'pipe', 'local', 'sent'],
    ]);
    expect(data!.items[0].line).toMatch(/^\[\d+\] ENABLE_FLAP_DETECTION$/);
    expect(Date.parse(data!.items[0].sentAt)).toBeGreaterThan(Date.now() - 60000);

    const byAda = await clientAs(t.url, 'admin').GET('/api/v1/audit/commands', {
      params: { query: { user: 'ada' } },
    });
    expect(byAda.data!.total).toBe(1);
    expect(byAda.data!.items[0].command).toBe('DISABLE_FLAP_DETECTION');
    const page = await clientAs(t.url, 'admin').GET('/api/v1/audit/commands', {
      params: { query: { user: 'otto', limit: 1, offset: 0 } },
    });
    expect(page.data!.total).toBe(data!.total - 1);
    expect(page.data!.items.map((i) => i.command)).toEqual(['ENABLE_FLAP_DETECTION']);
  });
});

describe('a command pipe nobody reads', () => {
  let pipe: FakePipe;
  let t: TestApp;

  beforeAll(async () => {
    pipe = makeFakePipe();
    t = await startTestApp('sqlite', {
      VIGIL_COMMAND_PIPE: pipe.path,
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await t?.close();
    pipe?.close();
  });

  it('answers 503 within a second instead of hanging, and audits the failure', async () => {
    const started = Date.now();
    const res = await request(t.url)
      .post('/api/v1/commands')
      .set('Authorization', operator)
      .send({ command: 'ENABLE_NOTIFICATIONS', args: {} });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as { detail: string }).detail).toMatch(/no process is reading it/);
    const cmd = await request(t.url)
      .get('/cmd')
      .query({ q: 'ENABLE_NOTIFICATIONS', handler: 'icinga' })
      .set('Authorization', operator);
    expect(cmd.status).toBe(503);

    const audit = await request(t.url).get('/api/v1/audit/commands').set('Authorization', admin);
    const items = (audit.body as { items: { outcome: string; error: string }[] }).items;
    expect(items.map((i) => i.outcome)).toEqual(['failed', 'failed']);
    expect(items[0].error).toMatch(/no process is reading it/);
  });

  it('answers 503 when the pipe does not exist', async () => {
    const other = await startTestApp('sqlite', {
      VIGIL_COMMAND_PIPE: `${pipe.path}.missing`,
      VIGIL_DOCS_ENABLED: 'false',
    });
    try {
      const res = await request(other.url)
        .post('/api/v1/commands')
        .set('Authorization', operator)
        .send({ command: 'ENABLE_NOTIFICATIONS', args: {} });
      expect(res.status).toBe(503);
      expect((res.body as { detail: string }).detail).toMatch(/does not exist/);
    } finally {
      await other.close();
    }
  });
});

describe('a full command pipe (its reader stopped)', () => {
  let pipe: FakePipe;
  let reader: ReaderProcess;
  let t: TestApp;

  beforeAll(async () => {
    pipe = makeFakePipe();
    reader = await startReaderProcess(pipe.path);
    t = await startTestApp('sqlite', {
      VIGIL_COMMAND_PIPE: pipe.path,
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    reader?.kill();
    await t?.close();
    pipe?.close();
  });

  const command = (comment: string) =>
    request(t.url)
      .post('/api/v1/commands')
      .set('Authorization', operator)
      .send({
        command: 'ADD_HOST_COMMENT',
        args: { host: 'web-01', persistent: true, author: 'otto', comment },
      });
  /** A comment that makes the command exactly 4096 bytes with its newline. */
  const fullSize = (tag: string) =>
    tag +
    'x'.repeat(4096 - Buffer.byteLength(`[1234567890] ADD_HOST_COMMENT;web-01;1;otto;${tag}\n`));

  it('answers 503 with Retry-After, writes nothing of it, and every line read back was answered 2xx', async () => {
    const accepted: string[] = [];
    for (const comment of ['before 1', fullSize('before 2 ')]) {
      const res = await command(comment);
      expect(res.status).toBe(202);
      accepted.push((res.body as { line: string }).line);
    }
    await reader.waitFor((text) => text.split('\n').length === 3);
    await reader.stop();
    const fillers = fillPipe(pipe.path);

    for (const comment of ['refused 1', fullSize('refused 2 ')]) {
      const res = await command(comment);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as { detail: string }).detail).toMatch(/stays full/);
    }
    const legacy = await request(t.url)
      .get('/cmd')
      .query({ q: 'ADD_HOST_COMMENT;web-01;1;otto;refused 3', handler: 'icinga' })
      .set('Authorization', operator);
    expect([legacy.status, legacy.headers['retry-after']]).toEqual([503, '5']);

    reader.resume();
    for (const comment of [fullSize('after 1 '), 'after 2']) {
      const res = await command(comment);
      expect(res.status).toBe(202);
      accepted.push((res.body as { line: string }).line);
    }
    const read = await reader.waitFor((text) => text.endsWith('after 2\n'));
    expect(read.split('\n')).toEqual([
      ...accepted.slice(0, 2),
      ...fillers,
      ...accepted.slice(2),
      '',
    ]);
    expect(read).not.toMatch(/refused/);

    const audit = await request(t.url).get('/api/v1/audit/commands').set('Authorization', admin);
    const items = (audit.body as { items: { outcome: string; line: string }[] }).items;
    expect(items.filter((i) => i.outcome === 'failed').map((i) => i.line.slice(-9))).toEqual([
      'refused 3',
      expect.stringMatching(/x{9}$/) as string,
      'refused 1',
    ]);
  });
});
