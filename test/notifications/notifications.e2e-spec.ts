import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type RunningApp, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { waitFor } from '../support/until';
import { closedPort, startTargetServer, type LocalServer } from '../probing/target-servers';
import { startSmtpServer, type TestSmtpServer } from './smtp-servers';

interface Delivery {
  id: number;
  notifierId: number;
  targetId: number;
  kind: 'FAIL' | 'RECOVERED';
  subject: string;
  state: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SMTP_USER = { name: 'mailer', password: 'smtp-secret-Pw9' };
const TARGET_PASSWORD = 'target-secret-Pw7';
const HEADER_SECRET = 'header-secret-Tk3';

describe.each(databaseKinds())('notifications on %s', (kind) => {
  let t: TestApp;
  let app: RunningApp;
  let targets: LocalServer;
  let smtp: TestSmtpServer;
  let refusing: TestSmtpServer;
  let seq = 0;

  const send = (
    role: keyof typeof TEST_USERS,
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body?: object,
  ) => {
    const req = request(app.url)[method](path).set('authorization', basicAuth(TEST_USERS[role]));
    return body ? req.send(body) : req;
  };

  async function notifier(
    port: number,
    extra: Record<string, unknown> = {},
    login = false,
  ): Promise<number> {
    seq += 1;
    const res = await send('admin', 'post', '/api/v1/notifiers', {
      name: `n${seq}-${kind}`,
      address: [`ops${seq}@example.test`],
      smtp: {
        host: '127.0.0.1',
        port,
        security: 'none',
        from: 'vigil@example.test',
        ...(login ? { username: SMTP_USER.name, password: SMTP_USER.password } : {}),
      },
      ...extra,
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return (res.body as { id: number }).id;
  }

  async function target(
    notifierIds: number[],
    extra: Record<string, unknown> = {},
  ): Promise<number> {
    seq += 1;
    const res = await send('admin', 'post', '/api/v1/targets', {
      name: `t${seq}-${kind}`,
      url: `${targets.url}/status/500`,
      enabled: false,
      notifierIds,
      ...extra,
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return (res.body as { id: number }).id;
  }

  async function probe(id: number): Promise<{ status: string; notified: boolean }> {
    const res = await send('operator', 'post', `/api/v1/targets/${id}/probe?notify=true`);
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    return res.body as { status: string; notified: boolean };
  }

  async function deliveries(query = ''): Promise<{ items: Delivery[]; total: number }> {
    const res = await send('viewer', 'get', `/api/v1/notifications?limit=500${query}`);
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    return res.body as { items: Delivery[]; total: number };
  }

  async function deliveriesOf(targetId: number): Promise<Delivery[]> {
    return (await deliveries(`&targetId=${targetId}`)).items;
  }

  const mailsAbout = (server: TestSmtpServer, name: string) =>
    server.received.filter((m) => m.subject.endsWith(` ${name}`));

  beforeAll(async () => {
    targets = await startTargetServer(new Set());
    smtp = await startSmtpServer({ user: SMTP_USER });
    refusing = await startSmtpServer({ refuseLogin: true });
    t = await startTestApp(kind, {
      VIGIL_NOTIFY_RETRY_BASE_MS: '200',
      VIGIL_NOTIFY_RETRY_MAX_MS: '800',
      VIGIL_NOTIFY_POLL_MS: '100',
      VIGIL_NOTIFY_SMTP_TIMEOUT_MS: '3000',
    });
    app = t;
  });
  afterAll(async () => {
    if (app !== t) await app.stop();
    await t?.close();
    await targets?.close();
    await smtp?.close();
    await refusing?.close();
  });

  it('mails FAIL once on the edge (straight from NEW), never while it keeps failing, then RECOVERED once', async () => {
    const n = await notifier(smtp.port);
    const id = await target([n]);
    const name = `t${seq}-${kind}`;

    expect(await probe(id)).toMatchObject({ status: 'FAIL', notified: true });
    const fail = await waitFor('the FAIL mail', () => mailsAbout(smtp, name)[0]);
    expect(fail.subject).toBe(`[vigil] FAIL ${name}`);
    expect(fail.to).toEqual([`ops${seq - 1}@example.test`]);
    expect(fail.decoded).toContain('Expected status');
    expect(fail.decoded).toContain('500');

    await probe(id);
    await probe(id);
    await sleep(400);
    expect(mailsAbout(smtp, name).map((m) => m.subject)).toEqual([`[vigil] FAIL ${name}`]);

    await send('admin', 'patch', `/api/v1/targets/${id}`, {
      url: `${targets.url}/status/200`,
    }).expect(200);
    expect(await probe(id)).toMatchObject({ status: 'PASS', notified: true });
    await waitFor('the RECOVERED mail', () =>
      mailsAbout(smtp, name).length === 2 ? true : undefined,
    );
    const [, recovered] = mailsAbout(smtp, name);
    expect(recovered.subject).toBe(`[vigil] RECOVERED ${name}`);
    expect(recovered.decoded).toMatch(/Failing for/);
    await probe(id);
    await sleep(300);
    expect(mailsAbout(smtp, name)).toHaveLength(2);

    const rows = await deliveriesOf(id);
    expect(rows.map((r) => [r.kind, r.state, r.attempts])).toEqual([
      ['RECOVERED', 'sent', 1],
      ['FAIL', 'sent', 1],
    ]);
    const counters = (await send('viewer', 'get', `/api/v1/notifiers/${n}`).expect(200)).body as {
      sentCount: number;
      failedCount: number;
      lastSentAt: string | null;
    };
    expect(counters).toMatchObject({
      sentCount: 2,
      failedCount: 0,
      lastSentAt: expect.any(String),
    });
  });

  it('puts no secret in the mail: no passwords, no headers, the auth type only', async () => {
    const n = await notifier(smtp.port, {}, true);
    const id = await target([n], {
      url: `${targets.url}/basic`,
      expectedStatus: 204,
      auth: { type: 'BASIC', username: 'probe', password: TARGET_PASSWORD },
      headers: { 'x-api-key': HEADER_SECRET },
    });
    const name = `t${seq}-${kind}`;
    await probe(id);
    const mail = await waitFor('the FAIL mail', () => mailsAbout(smtp, name)[0]);
    expect(mail.decoded).toContain('BASIC');
    for (const secret of [TARGET_PASSWORD, HEADER_SECRET, SMTP_USER.password]) {
      expect(mail.raw).not.toContain(secret);
      expect(mail.decoded).not.toContain(secret);
    }
    for (const secret of [TARGET_PASSWORD, HEADER_SECRET, SMTP_USER.password]) {
      expect(app.logger.lines.join('\n')).not.toContain(secret);
    }
  });

  it('delivers at once to one notifier while another one is refused, and keeps retrying that one', async () => {
    const bad = await notifier(refusing.port, {}, true);
    const badName = `n${seq}-${kind}`;
    const good = await notifier(smtp.port);
    const goodName = `n${seq}-${kind}`;
    const id = await target([bad, good]);
    const name = `t${seq}-${kind}`;
    const started = Date.now();
    await probe(id);
    await waitFor('the good mail', () => mailsAbout(smtp, name)[0]);
    expect(Date.now() - started).toBeLessThan(2000);

    const refused = await waitFor('a failed attempt', async () => {
      const row = (await deliveriesOf(id)).find((r) => r.notifierId === bad);
      return row && row.attempts >= 2 ? row : undefined;
    });
    // between attempts it is pending; an attempt may be under way (sending) as we look
    expect(['pending', 'sending']).toContain(refused.state);
    expect(refused.lastError).toContain('535');
    const stats = (await send('viewer', 'get', `/api/v1/notifiers/${bad}`).expect(200)).body as {
      failedCount: number;
      lastError: string;
      sentCount: number;
    };
    expect(stats.failedCount).toBeGreaterThanOrEqual(1);
    expect(stats.sentCount).toBe(0);
    expect(stats.lastError).toContain('535');

    // each attempt is in the probe log next to the probe, as skypunch logged its mails
    const log = readFileSync(join(t.dataDir, 'probe.log'), 'utf8').split('\n');
    expect(log[0]).toMatch(/^\S+Z INFO {2}starting vigil \(probing is off\)$/);
    expect(log).toContainEqual(
      expect.stringMatching(new RegExp(`^\\S+Z ERROR \\[${id}\\] ${name} +GET .* FAIL \\(`)),
    );
    expect(log).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\S+Z INFO {2}notifying ${goodName} of ${name} FAIL: sent$`),
      ),
    );
    expect(log).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\S+Z ERROR notifying ${badName} of ${name} FAIL: failed \\(.*535`),
      ),
    );

    // disabling the refused notifier drops what is pending for it, and it gets nothing more
    await send('operator', 'post', `/api/v1/notifiers/${bad}/disable`).expect(200);
    const dropped = await waitFor('the drop', async () => {
      const row = (await deliveriesOf(id)).find((r) => r.notifierId === bad);
      return row?.state === 'dropped' ? row : undefined;
    });
    expect(dropped.lastError).toMatch(/disabled/);
    expect((await deliveries('&state=pending')).items.filter((r) => r.notifierId === bad)).toEqual(
      [],
    );
  });

  it('sends nothing to a disabled notifier', async () => {
    const off = await notifier(smtp.port, { enabled: false });
    const id = await target([off]);
    const name = `t${seq}-${kind}`;
    await probe(id);
    await sleep(400);
    expect(mailsAbout(smtp, name)).toEqual([]);
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it('records the drop when a notifier with pending deliveries is deleted', async () => {
    const nowhere = await notifier(await closedPort());
    const other = await notifier(smtp.port);
    const id = await target([nowhere]);
    await probe(id);
    await waitFor('a failed attempt', async () => {
      const [row] = await deliveriesOf(id);
      return row?.lastError ? row : undefined;
    });
    await send('admin', 'patch', `/api/v1/targets/${id}`, { notifierIds: [other] }).expect(200);
    await send('admin', 'delete', `/api/v1/notifiers/${nowhere}`).expect(204);
    const [row] = await waitFor('the drop', async () => {
      const rows = await deliveriesOf(id);
      return rows[0]?.state === 'dropped' ? rows : undefined;
    });
    expect(row.lastError).toBe(`notifier ${nowhere} was deleted`);
    // the drop is logged once it is stored: the line may follow the row by a moment
    await waitFor(
      'the log line',
      () =>
        app.logger.lines.some((l) => l.includes(`notifier ${nowhere} was deleted`)) || undefined,
    );
  });

  it("takes over another monitor's delivery counts until vigil sends or tries to send through the notifier, then answers 409", async () => {
    const good = await notifier(smtp.port);
    const failing = await notifier(await closedPort());
    const path = (id: number) => `/api/v1/notifiers/${id}/statistics`;
    const counts = async (id: number) => {
      const res = await send('viewer', 'get', `/api/v1/notifiers/${id}`).expect(200);
      const { sentCount, failedCount } = res.body as { sentCount: number; failedCount: number };
      return [sentCount, failedCount];
    };

    await send('operator', 'put', path(good), { sentCount: 1, failedCount: 0 }).expect(403);
    const bad = await send('admin', 'put', path(good), { sentCount: -1, failedCount: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
      ['failedCount', 'sentCount'],
    );
    await send('admin', 'put', path(999999), { sentCount: 1, failedCount: 1 }).expect(404);

    for (const n of [good, failing]) {
      await send('admin', 'put', path(n), { sentCount: 10, failedCount: 1 }).expect(204);
      // taken over again as long as vigil has not sent: the last counts given stand
      await send('admin', 'put', path(n), { sentCount: 12, failedCount: 3 }).expect(204);
      expect(await counts(n)).toEqual([12, 3]);
    }

    const id = await target([good, failing]);
    await probe(id);
    // vigil counts on from the counts taken over
    await waitFor('the sent mail counted', async () => {
      const [sent] = await counts(good);
      return sent === 13 ? true : undefined;
    });
    await waitFor('the failed attempt counted', async () => {
      const [, failed] = await counts(failing);
      return failed >= 4 ? true : undefined;
    });
    await send('operator', 'post', `/api/v1/notifiers/${failing}/disable`).expect(200);

    for (const n of [good, failing]) {
      const refused = await send('admin', 'put', path(n), { sentCount: 0, failedCount: 0 });
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((refused.body as { detail: string }).detail).toBe(
        `vigil has sent or tried to send through notifier ${n}: its counts are no longer taken over`,
      );
    }
    expect(await counts(good)).toEqual([13, 3]);
    expect((await counts(failing))[0]).toBe(12);
  });

  it('keeps a FAIL mail while the SMTP server is down and delivers it exactly once when it is back', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    const n = await notifier(port);
    const id = await target([n]);
    const name = `t${seq}-${kind}`;
    await probe(id);
    const pending = await waitFor('a failed attempt', async () => {
      const [row] = await deliveriesOf(id);
      return row?.lastError ? row : undefined;
    });
    expect(pending.state).toBe('pending');
    expect(pending.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);

    const back = await startSmtpServer({ port });
    try {
      await waitFor('the late mail', () => mailsAbout(back, name)[0]);
      await sleep(1500);
      expect(mailsAbout(back, name).map((m) => m.subject)).toEqual([`[vigil] FAIL ${name}`]);
      const [row] = await deliveriesOf(id);
      expect(row).toMatchObject({ state: 'sent', sentAt: expect.any(String) });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await back.close();
    }
  });

  describe('the test mail', () => {
    it('answers with what the server accepted', async () => {
      const n = await notifier(smtp.port, {}, true);
      const res = await send('admin', 'post', `/api/v1/notifiers/${n}/test`).expect(200);
      expect(res.body).toEqual({
        accepted: true,
        acceptedRecipients: [`ops${seq}@example.test`],
        rejectedRecipients: [],
        response: expect.stringMatching(/^250/),
        messageId: expect.any(String),
      });
      expect(smtp.received.some((m) => m.subject === `[vigil] TEST n${seq}-${kind}`)).toBe(true);
      expect((await deliveries(`&notifierId=${n}`)).total).toBe(0);
    });

    it("answers 502 with the server's words when the login is refused", async () => {
      const n = await notifier(refusing.port, {}, true);
      const res = await send('admin', 'post', `/api/v1/notifiers/${n}/test`).expect(502);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 502,
        title: 'SMTP delivery failed',
        detail: expect.stringMatching(/EAUTH.*535/),
        smtpCode: 'EAUTH',
        smtpResponseCode: 535,
      });
    });

    it('needs the admin role', async () => {
      const n = await notifier(smtp.port);
      await send('operator', 'post', `/api/v1/notifiers/${n}/test`).expect(403);
      await send('admin', 'post', '/api/v1/notifiers/999999/test').expect(404);
    });
  });

  it('lists the outbox newest first, filtered by state and paginated', async () => {
    const all = await deliveries();
    const ids = all.items.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const sent = await deliveries('&state=sent');
    expect(sent.items.every((r) => r.state === 'sent')).toBe(true);
    const page = await send('viewer', 'get', '/api/v1/notifications?limit=1&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: all.total, items: [{ id: ids[1] }] });
    await send('viewer', 'get', '/api/v1/notifications?state=lost').expect(400);
  });

  it('delivers after a restart what was pending before it', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    const n = await notifier(port);
    const id = await target([n]);
    const name = `t${seq}-${kind}`;
    await probe(id);
    await waitFor('a failed attempt', async () => {
      const [row] = await deliveriesOf(id);
      return row?.lastError && row.state === 'pending' ? row : undefined;
    });
    app = await t.restart();
    // the restarted app may already be trying again: pending or sending, never given up
    expect(['pending', 'sending']).toContain((await deliveriesOf(id))[0].state);
    const back = await startSmtpServer({ port });
    try {
      await waitFor('the mail after the restart', () => mailsAbout(back, name)[0]);
      await sleep(500);
      expect(mailsAbout(back, name)).toHaveLength(1);
      expect((await deliveriesOf(id))[0].state).toBe('sent');
    } finally {
      await back.close();
    }
  });
});
