import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { basicAuth, startInstance, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { waitFor } from '../support/until';
import { startTargetServer, type LocalServer } from '../probing/target-servers';
import { startWebhookReceiver, type ReceivedPost, type WebhookReceiver } from './webhook-receivers';

interface Delivery {
  id: number;
  notifierId: number;
  kind: 'FAIL' | 'RECOVERED';
  state: string;
  attempts: number;
  lastError: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Secrets of the webhooks: each must appear in no answer, log line or error. */
const URL_TOKEN = 'url-token-Wh7x9';
const HEADER_SECRET = 'header-secret-Bz4q2';
const NEW_URL_TOKEN = 'new-url-token-Kp3m8';
/** A target name with characters Slack and HTML treat specially. */
const HOSTILE = '<b>&$`$&</script>';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(databaseKinds())('webhook notifiers on %s', (kind) => {
  let t: TestApp;
  let targets: LocalServer;
  let receiver: WebhookReceiver;
  let seq = 0;
  /** The text of every answer the API gave in this suite. */
  const answers: string[] = [];

  const send = async (
    role: keyof typeof TEST_USERS,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ): Promise<request.Response> => {
    const req = request(t.url)[method](path).set('authorization', basicAuth(TEST_USERS[role]));
    const res = await (body ? req.send(body) : req);
    answers.push(res.text);
    return res;
  };

  const hookUrl = (r: WebhookReceiver, name: string, token = URL_TOKEN) =>
    `${r.url}/hook/${name}?token=${token}`;

  async function webhookNotifier(
    url: string,
    webhook: Record<string, unknown> = {},
  ): Promise<{ id: number; name: string }> {
    seq += 1;
    const name = `hook${seq}-${kind}`;
    const res = await send('admin', 'post', '/api/v1/notifiers', {
      name,
      type: 'WEBHOOK',
      webhook: { url, headers: { Authorization: `Bearer ${HEADER_SECRET}` }, ...webhook },
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return { id: (res.body as { id: number }).id, name };
  }

  async function target(notifierIds: number[], name: string): Promise<number> {
    const res = await send('admin', 'post', '/api/v1/targets', {
      name,
      url: `${targets.url}/status/500`,
      enabled: false,
      notifierIds,
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return (res.body as { id: number }).id;
  }

  async function probe(id: number): Promise<void> {
    const res = await send('operator', 'post', `/api/v1/targets/${id}/probe?notify=true`);
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
  }

  async function recover(id: number): Promise<void> {
    await send('admin', 'patch', `/api/v1/targets/${id}`, { url: `${targets.url}/status/200` });
    await probe(id);
  }

  async function deliveriesOf(targetId: number): Promise<Delivery[]> {
    const res = await send('viewer', 'get', `/api/v1/notifications?limit=500&targetId=${targetId}`);
    expect(res.status).toBe(200);
    return (res.body as { items: Delivery[] }).items;
  }

  const postsTo = (r: WebhookReceiver, name: string): ReceivedPost[] =>
    r.received.filter((p) => p.path.startsWith(`/hook/${name}?`));

  const bodyOf = (post: ReceivedPost) => JSON.parse(post.body) as Record<string, unknown>;

  beforeAll(async () => {
    targets = await startTargetServer(new Set());
    receiver = await startWebhookReceiver();
    t = await startTestApp(kind, {
      VIGIL_NOTIFY_RETRY_BASE_MS: '200',
      VIGIL_NOTIFY_RETRY_MAX_MS: '600',
      VIGIL_NOTIFY_POLL_MS: '100',
      VIGIL_NOTIFY_WEBHOOK_TIMEOUT_MS: '1500',
    });
  });
  afterAll(async () => {
    await t?.close();
    await targets?.close();
    await receiver?.close();
  });

  it('posts a FAIL and a RECOVERED event in each format: json, slack and teams', async () => {
    const json = await webhookNotifier(hookUrl(receiver, 'json'));
    const slack = await webhookNotifier(hookUrl(receiver, 'slack'), { format: 'slack' });
    const teams = await webhookNotifier(hookUrl(receiver, 'teams'), { format: 'teams' });
    const name = `${HOSTILE} ${kind}`;
    const id = await target([json.id, slack.id, teams.id], name);

    await probe(id);
    for (const format of ['json', 'slack', 'teams']) {
      await waitFor(`the ${format} FAIL`, () => postsTo(receiver, format)[0]);
    }
    await recover(id);
    for (const format of ['json', 'slack', 'teams']) {
      await waitFor(`the ${format} RECOVERED`, () => postsTo(receiver, format)[1]);
    }
    await sleep(300);

    for (const format of ['json', 'slack', 'teams']) {
      const posts = postsTo(receiver, format);
      expect(posts).toHaveLength(2);
      for (const post of posts) {
        expect(post.method).toBe('POST');
        expect(post.path).toBe(`/hook/${format}?token=${URL_TOKEN}`);
        expect(post.headers['authorization']).toBe(`Bearer ${HEADER_SECRET}`);
        expect(post.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(post.headers['x-vigil-event-id']).toMatch(/^notification-\d+\.\d+$/);
        expect(post.body).not.toContain(URL_TOKEN);
        expect(post.body).not.toContain(HEADER_SECRET);
      }
    }

    const [fail, recovered] = postsTo(receiver, 'json').map(bodyOf);
    expect(fail).toEqual({
      id: postsTo(receiver, 'json')[0].headers['x-vigil-event-id'],
      event: 'FAIL',
      summary: `Target "${name}" is failing: target status:500 != 200`,
      time: expect.stringMatching(ISO),
      target: {
        id,
        name,
        url: `${targets.url}/status/500`,
        method: 'GET',
        authType: 'NONE',
        expectedStatus: 200,
        frequencySeconds: expect.any(Number),
        timeoutSeconds: expect.any(Number),
      },
      result: {
        status: 'FAIL',
        previousStatus: 'NEW',
        description: 'target status:500 != 200',
        httpStatus: 500,
        responseTimeMs: expect.any(Number),
        startedAt: fail.time,
      },
      counters: {
        passCount: 0,
        failCount: 1,
        repeatedFailCount: 1,
        status2xxCount: 0,
        status3xxCount: 0,
        status4xxCount: 0,
        status5xxCount: 1,
        networkFailCount: 0,
      },
    });
    expect(recovered).toMatchObject({
      event: 'RECOVERED',
      summary: expect.stringMatching(new RegExp(`^Target ".*" has recovered after failing for`)),
      target: { id, name, url: `${targets.url}/status/200` },
      result: { status: 'PASS', previousStatus: 'FAIL', httpStatus: 200 },
      counters: { passCount: 1, failCount: 1, repeatedFailCount: 0 },
      failingSince: fail.time,
    });
    expect(recovered.id).not.toBe(fail.id);

    const escaped = `&lt;b&gt;&amp;$\`$&amp;&lt;/script&gt; ${kind}`;
    const [slackFail, slackRecovered] = postsTo(receiver, 'slack').map(bodyOf);
    expect(Object.keys(slackFail)).toEqual(['text']);
    expect((slackFail.text as string).split('\n').slice(0, 4)).toEqual([
      `[vigil] FAIL ${escaped}`,
      `Target "${escaped}" is failing: target status:500 != 200`,
      `URL: GET ${targets.url}/status/500`,
      'Status: FAIL (was NEW)',
    ]);
    expect((slackRecovered.text as string).split('\n')[0]).toBe(`[vigil] RECOVERED ${escaped}`);
    expect(slackRecovered.text).toMatch(/\nFailing for: /);

    const [teamsFail, teamsRecovered] = postsTo(receiver, 'teams').map(bodyOf);
    const cardOf = (body: Record<string, unknown>) => {
      expect(body.type).toBe('message');
      const [attachment] = body.attachments as {
        contentType: string;
        content: { type: string; version: string; body: Record<string, unknown>[] };
      }[];
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.content.type).toBe('AdaptiveCard');
      return attachment.content.body;
    };
    const failCard = cardOf(teamsFail);
    expect(failCard[0]).toMatchObject({ text: `[vigil] FAIL ${name}`, color: 'Attention' });
    expect(failCard[1]).toMatchObject({
      text: `Target "${name}" is failing: target status:500 != 200`,
    });
    expect(failCard[2]).toMatchObject({
      type: 'FactSet',
      facts: expect.arrayContaining([{ title: 'Status', value: 'FAIL (was NEW)' }]),
    });
    expect(cardOf(teamsRecovered)[0]).toMatchObject({
      text: `[vigil] RECOVERED ${name}`,
      color: 'Good',
    });

    const rows = await deliveriesOf(id);
    expect(rows.map((r) => [r.kind, r.state, r.attempts])).toEqual(
      Array.from({ length: 6 }, (_, i) => [i < 3 ? 'RECOVERED' : 'FAIL', 'sent', 1]),
    );
    const counted = await send('viewer', 'get', `/api/v1/notifiers/${json.id}`);
    expect(counted.body).toMatchObject({ sentCount: 2, failedCount: 0, lastError: null });
  });

  it('keeps the events while the receiver answers 503 and then is down, and delivers each once when it is back', async () => {
    const flaky = await startWebhookReceiver({ mode: 'unavailable' });
    const port = flaky.port;
    const n = await webhookNotifier(hookUrl(flaky, 'flaky'));
    const id = await target([n.id], `flaky-${kind}`);
    await probe(id);
    const refused = await waitFor('an attempt answered 503', async () => {
      const [row] = await deliveriesOf(id);
      return row?.lastError && row.attempts >= 2 ? row : undefined;
    });
    expect(refused.lastError).toBe('HTTP 503 Service Unavailable: maintenance');
    await recover(id);
    await flaky.close();
    const down = await waitFor('an attempt refused at the door', async () => {
      const [, fail] = await deliveriesOf(id);
      return fail?.lastError?.includes('ECONNREFUSED') ? fail : undefined;
    });
    expect(down.lastError).toContain(`127.0.0.1:${port}`);
    expect((await deliveriesOf(id)).every((r) => r.state !== 'sent')).toBe(true);
    const failedPosts = flaky.received.length;
    expect(failedPosts).toBeGreaterThanOrEqual(2);

    const back = await startWebhookReceiver({ port });
    try {
      await waitFor('both events', () => (postsTo(back, 'flaky').length >= 2 ? true : undefined));
      await sleep(1500);
      const events = postsTo(back, 'flaky').map(bodyOf);
      expect(events.map((e) => e.event)).toEqual(['FAIL', 'RECOVERED']);
      // each attempt posted the same id: the one a receiver would drop a repeat by
      const failIds = new Set(
        [...flaky.received, ...back.received]
          .map(bodyOf)
          .filter((e) => e.event === 'FAIL')
          .map((e) => e.id),
      );
      expect(failIds.size).toBe(1);
      const rows = await deliveriesOf(id);
      expect(rows.map((r) => [r.kind, r.state])).toEqual([
        ['RECOVERED', 'sent'],
        ['FAIL', 'sent'],
      ]);
      const stats = (await send('viewer', 'get', `/api/v1/notifiers/${n.id}`)).body as {
        sentCount: number;
        failedCount: number;
        lastError: string;
      };
      expect(stats.sentCount).toBe(2);
      expect(stats.failedCount).toBeGreaterThanOrEqual(3);
      expect(stats.lastError).toMatch(/ECONNREFUSED|503/);
    } finally {
      await back.close();
    }
  });

  it('scrubs the URL and header values from what a refusing receiver repeats', async () => {
    const echo = await startWebhookReceiver({ mode: 'echo' });
    try {
      const n = await webhookNotifier(hookUrl(echo, 'echo'));
      const id = await target([n.id], `echo-${kind}`);
      await probe(id);
      const [row] = await waitFor('a refused attempt', async () => {
        const rows = await deliveriesOf(id);
        return rows[0]?.lastError ? rows : undefined;
      });
      expect(row.lastError).toBe(
        'HTTP 500 Internal Server Error: cannot handle [redacted] with authorization [redacted]',
      );
      const test = await send('admin', 'post', `/api/v1/notifiers/${n.id}/test`);
      expect(test.status).toBe(502);
      expect(test.body).toMatchObject({
        title: 'Webhook delivery failed',
        httpStatus: 500,
        detail: expect.stringMatching(
          new RegExp(`^the webhook receiver ${echo.url} did not accept the test event: HTTP 500`),
        ),
      });
      await send('operator', 'post', `/api/v1/notifiers/${n.id}/disable`);
    } finally {
      await echo.close();
    }
  });

  describe('the test event', () => {
    it('posts a TEST event in the notifier format and answers what the receiver said', async () => {
      const n = await webhookNotifier(hookUrl(receiver, 'test-slack'), { format: 'slack' });
      const res = await send('admin', 'post', `/api/v1/notifiers/${n.id}/test`);
      expect([res.status, res.body]).toEqual([
        200,
        {
          accepted: true,
          acceptedRecipients: [],
          rejectedRecipients: [],
          response: '200 OK',
          messageId: expect.stringMatching(/^test-\d+$/),
        },
      ]);
      const [post] = postsTo(receiver, 'test-slack');
      expect(bodyOf(post)).toEqual({
        text: `[vigil] TEST\nThis is a test notification from vigil for notifier "${n.name}".`,
      });
      expect(post.headers['x-vigil-event-id']).toBe((res.body as { messageId: string }).messageId);
    });

    it('answers 502 naming only the origin when nothing listens or nothing answers in time', async () => {
      const gone = await startWebhookReceiver();
      await gone.close();
      const refused = await webhookNotifier(hookUrl(gone, 'gone'));
      const res = await send('admin', 'post', `/api/v1/notifiers/${refused.id}/test`);
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        httpStatus: null,
        detail: expect.stringMatching(
          new RegExp(
            `^the webhook receiver ${gone.url} did not accept the test event: .*ECONNREFUSED`,
          ),
        ),
      });

      const hanging = await startWebhookReceiver({ mode: 'hang' });
      try {
        const slow = await webhookNotifier(hookUrl(hanging, 'slow'));
        const started = Date.now();
        const late = await send('admin', 'post', `/api/v1/notifiers/${slow.id}/test`);
        expect(late.status).toBe(502);
        expect((late.body as { detail: string }).detail).toMatch(
          /timeout: no answer within 1500 ms$/,
        );
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        await hanging.close();
      }
    });
  });

  describe('settings', () => {
    it('answers the origin and header names only, and keeps the URL and headers an update leaves out', async () => {
      const n = await webhookNotifier(hookUrl(receiver, 'kept'), {
        headers: { Authorization: `Bearer ${HEADER_SECRET}`, 'X-Team': HEADER_SECRET },
      });
      const one = await send('viewer', 'get', `/api/v1/notifiers/${n.id}`);
      expect(one.body).toMatchObject({
        type: 'WEBHOOK',
        address: [],
        webhook: { origin: receiver.url, headerNames: ['Authorization', 'X-Team'], format: 'json' },
      });
      expect(one.body).not.toHaveProperty('smtp');
      const list = await send('viewer', 'get', '/api/v1/notifiers?limit=500');
      expect(list.status).toBe(200);

      const slack = await send('admin', 'patch', `/api/v1/notifiers/${n.id}`, {
        webhook: { format: 'slack' },
      });
      expect(slack.body).toMatchObject({
        webhook: {
          origin: receiver.url,
          headerNames: ['Authorization', 'X-Team'],
          format: 'slack',
        },
      });
      await send('admin', 'post', `/api/v1/notifiers/${n.id}/test`);
      const [kept] = postsTo(receiver, 'kept');
      expect(kept.path).toBe(`/hook/kept?token=${URL_TOKEN}`);
      expect(kept.headers['x-team']).toBe(HEADER_SECRET);
      expect(bodyOf(kept)).toHaveProperty('text');

      const moved = await send('admin', 'patch', `/api/v1/notifiers/${n.id}`, {
        webhook: { url: hookUrl(receiver, 'moved', NEW_URL_TOKEN), headers: {} },
      });
      expect(moved.body).toMatchObject({ webhook: { headerNames: [], format: 'json' } });
      await send('admin', 'post', `/api/v1/notifiers/${n.id}/test`).then((r) => {
        expect(r.status).toBe(200);
      });
      const [post] = postsTo(receiver, 'moved');
      expect(post.path).toBe(`/hook/moved?token=${NEW_URL_TOKEN}`);
      expect(post.headers).not.toHaveProperty('authorization');

      // back to mail and to a webhook again: each type keeps only its own settings
      const mail = await send('admin', 'patch', `/api/v1/notifiers/${n.id}`, {
        type: 'SMTP',
        address: ['ops@example.test'],
        smtp: { host: 'localhost', from: 'vigil@example.test' },
      });
      expect(mail.status).toBe(200);
      expect(mail.body).not.toHaveProperty('webhook');
      const again = await send('admin', 'patch', `/api/v1/notifiers/${n.id}`, {
        type: 'WEBHOOK',
      });
      expect([again.status, fieldsOf(again)]).toEqual([
        400,
        [{ field: 'webhook', message: 'webhook is required when type is WEBHOOK' }],
      ]);
      const hook = await send('admin', 'patch', `/api/v1/notifiers/${n.id}`, {
        type: 'WEBHOOK',
        webhook: { url: hookUrl(receiver, 'again') },
      });
      expect(hook.body).toMatchObject({ address: [], webhook: { headerNames: [] } });
      expect(hook.body).not.toHaveProperty('smtp');
    });

    it.each<[string, Record<string, unknown>, { field: string; message: string }[]]>([
      [
        'a URL of another scheme and an unknown format',
        { webhook: { url: 'ftp://127.0.0.1/hook', format: 'xml' } },
        [
          { field: 'webhook.url', message: 'url must be an http or https URL without credentials' },
          {
            field: 'webhook.format',
            message: 'format must be one of the following values: json, slack, teams',
          },
        ],
      ],
      [
        'credentials in the URL',
        { webhook: { url: `http://user:${URL_TOKEN}@127.0.0.1/hook` } },
        [{ field: 'webhook.url', message: 'url must be an http or https URL without credentials' }],
      ],
      [
        'a header value with a line break',
        {
          webhook: {
            url: 'http://127.0.0.1/hook',
            headers: { 'X-Key': `${HEADER_SECRET}\r\nX: y` },
          },
        },
        [
          {
            field: 'webhook.headers',
            message:
              'headers must be an object of at most 20 headers, each name an HTTP token other than ' +
              'Host, Content-Type, Content-Length, Connection and Transfer-Encoding (vigil sets ' +
              'those), each value printable ASCII text of 1-4096 characters without line breaks',
          },
        ],
      ],
      [
        'no URL',
        { webhook: { format: 'slack' } },
        [{ field: 'webhook.url', message: 'url is required' }],
      ],
      [
        'no webhook settings',
        {},
        [{ field: 'webhook', message: 'webhook is required when type is WEBHOOK' }],
      ],
      [
        'smtp settings and recipients on a webhook',
        {
          webhook: { url: 'http://127.0.0.1/hook' },
          smtp: { host: 'localhost', from: 'vigil@example.test' },
          address: ['ops@example.test'],
        },
        [
          { field: 'smtp', message: 'smtp is only for type SMTP' },
          { field: 'address', message: 'address is only for type SMTP' },
        ],
      ],
    ])(
      'answers 400 to %s, one message per field, and creates nothing',
      async (_what, extra, errors) => {
        const before = (await send('viewer', 'get', '/api/v1/notifiers')).body as { total: number };
        const res = await send('admin', 'post', '/api/v1/notifiers', {
          name: 'refused-webhook',
          type: 'WEBHOOK',
          ...extra,
        });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(fieldsOf(res)).toEqual(errors);
        const after = (await send('viewer', 'get', '/api/v1/notifiers')).body as { total: number };
        expect(after.total).toBe(before.total);
      },
    );

    it('answers 400 to a bad update and changes nothing', async () => {
      const n = await webhookNotifier(hookUrl(receiver, 'unchanged'), { format: 'teams' });
      const before = (await send('viewer', 'get', `/api/v1/notifiers/${n.id}`)).text;
      for (const [body, errors] of [
        [
          { webhook: { url: 'javascript:alert(1)', format: 'rss' } },
          ['webhook.url', 'webhook.format'],
        ],
        [{ smtp: { host: 'localhost', from: 'vigil@example.test' } }, ['smtp']],
        [{ address: ['ops@example.test'], name: 'renamed' }, ['address']],
        [{ webhook: { url: 'http://127.0.0.1/x' }, type: 'SMTP' }, ['webhook', 'address', 'smtp']],
      ] as const) {
        const res = await send('admin', 'patch', `/api/v1/notifiers/${n.id}`, body);
        expect([res.status, fieldsOf(res).map((e) => e.field)]).toEqual([400, errors]);
      }
      expect((await send('viewer', 'get', `/api/v1/notifiers/${n.id}`)).text).toBe(before);
      await send('admin', 'post', `/api/v1/notifiers/${n.id}/test`).then((r) => {
        expect(r.status).toBe(200);
      });
      expect(postsTo(receiver, 'unchanged')).toHaveLength(1);
    });
  });

  it('puts the URL and the header values in no answer, log line, probe log or error', () => {
    const everything = [
      ...answers,
      ...t.logger.lines,
      readFileSync(join(t.dataDir, 'probe.log'), 'utf8'),
    ].join('\n');
    expect(answers.length).toBeGreaterThan(50);
    for (const secret of [URL_TOKEN, NEW_URL_TOKEN, HEADER_SECRET]) {
      expect(everything).not.toContain(secret);
    }
    // the secrets did reach the receivers
    expect(receiver.received.some((p) => p.path.includes(URL_TOKEN))).toBe(true);
  });
});

describe.each(databaseKinds())('webhook secrets under key rotation on %s', (kind) => {
  it('writes the URL and headers again with the new key at start, and posts with them', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const receiver = await startWebhookReceiver();
    const t = await startTestApp(kind, { VIGIL_SECRET_KEY: oldKey });
    try {
      const created = await request(t.url)
        .post('/api/v1/notifiers')
        .set('authorization', basicAuth(TEST_USERS.admin))
        .send({
          name: 'rotated',
          type: 'WEBHOOK',
          webhook: {
            url: `${receiver.url}/hook/rotated?token=${URL_TOKEN}`,
            headers: { Authorization: `Bearer ${HEADER_SECRET}` },
          },
        })
        .expect(201);
      const id = (created.body as { id: number }).id;
      const stored = async (app: TestApp['app']) =>
        (
          await app
            .get(DataSource)
            .query<{ webhook_url: string; webhook_headers: string }[]>(
              `SELECT webhook_url, webhook_headers FROM notifiers WHERE id = ${id}`,
            )
        )[0];
      const before = await stored(t.app);
      expect(JSON.stringify(before)).not.toContain(URL_TOKEN);
      expect(JSON.stringify(before)).not.toContain(HEADER_SECRET);
      await t.stop();

      const rotating = await startInstance(t.database, {
        VIGIL_SECRET_KEY: newKey,
        VIGIL_SECRET_KEY_PREVIOUS: oldKey,
      });
      try {
        const lines = rotating.logger.lines.join('\n');
        expect(lines).toContain('Encrypted 1 webhook URL(s) with the current key');
        expect(lines).toContain('Encrypted 1 webhook header(s) with the current key');
        const after = await stored(rotating.app);
        expect(after.webhook_url).not.toBe(before.webhook_url);
        expect(after.webhook_headers).not.toBe(before.webhook_headers);
      } finally {
        await rotating.close();
      }

      const rotated = await startInstance(t.database, { VIGIL_SECRET_KEY: newKey });
      try {
        await request(rotated.url)
          .post(`/api/v1/notifiers/${id}/test`)
          .set('authorization', basicAuth(TEST_USERS.admin))
          .expect(200);
        expect(receiver.received.map((p) => [p.path, p.headers['authorization']])).toEqual([
          [`/hook/rotated?token=${URL_TOKEN}`, `Bearer ${HEADER_SECRET}`],
        ]);
        expect(rotated.logger.lines.join('\n')).not.toContain(URL_TOKEN);
      } finally {
        await rotated.close();
      }
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});

function fieldsOf(res: request.Response): { field: string; message: string }[] {
  const body = JSON.parse(res.text) as { errors?: { field: string; message: string }[] };
  return body.errors ?? [];
}
