import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { until } from '../support/until';
import { startSmtpServer, type TestSmtpServer } from './smtp-servers';

const TARGETS = 20;
const FLIPS = 3;

/** A target server whose every path answers 200 while `up`, 503 otherwise. */
async function switchable(): Promise<{ url: string; set(up: boolean): void; server: Server }> {
  let up = true;
  const server = createServer((_req, res) => {
    res.writeHead(up ? 200 : 503, { 'content-type': 'text/plain' });
    res.end(up ? 'fine' : 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, set: (value) => (up = value), server };
}

describe.each(databaseKinds())('every change of state of many targets is mailed on %s', (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let site: Awaited<ReturnType<typeof switchable>>;

  const admin = (method: 'get' | 'post', path: string) =>
    request(t.url)[method](path).set('authorization', basicAuth(TEST_USERS.admin));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    site = await switchable();
    t = await startTestApp(kind, {
      VIGIL_PROBING_ENABLED: 'true',
      VIGIL_NOTIFY_POLL_MS: '100',
      VIGIL_NOTIFY_RETRY_BASE_MS: '200',
      VIGIL_NOTIFY_RETRY_MAX_MS: '400',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    site?.server.closeAllConnections();
    site?.server.close();
  });

  async function statuses(): Promise<string[]> {
    const res = await admin('get', '/api/v1/targets?limit=100');
    expect(res.status).toBe(200);
    return (res.body as { items: { name: string; status: string }[] }).items
      .filter((i) => i.name.startsWith('flip-'))
      .map((i) => i.status);
  }

  it(`writes one outbox row per change (${TARGETS} targets × ${FLIPS * 2} changes), mails each once, in order per target`, async () => {
    const notifier = await admin('post', '/api/v1/notifiers').send({
      name: 'ops',
      address: ['ops@example.test'],
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'vigil@example.test' },
    });
    expect(notifier.status).toBe(201);
    const created = await Promise.all(
      Array.from({ length: TARGETS }, (_, i) =>
        admin('post', '/api/v1/targets').send({
          name: `flip-${i}`,
          url: `${site.url}/health`,
          frequencySeconds: 1,
          timeoutSeconds: 1,
          notifierIds: [(notifier.body as { id: number }).id],
        }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(TARGETS).fill(201));

    await until(async () => (await statuses()).every((s) => s === 'PASS'), 15_000);
    for (let flip = 0; flip < FLIPS; flip += 1) {
      // all targets change together: their state changes are written in the same batches
      site.set(false);
      await until(async () => (await statuses()).every((s) => s === 'FAIL'), 15_000);
      site.set(true);
      await until(async () => (await statuses()).every((s) => s === 'PASS'), 15_000);
    }

    const changes = TARGETS * FLIPS * 2;
    await until(() => smtp.received.length >= changes, 30_000);
    const outbox = await admin('get', '/api/v1/notifications?limit=500');
    expect(outbox.status).toBe(200);
    const rows = (outbox.body as { total: number; items: { state: string }[] }).items;
    expect([outbox.body.total, rows.filter((r) => r.state === 'sent').length]).toEqual([
      changes,
      changes,
    ]);
    // nothing more comes: each row was sent once
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.received).toHaveLength(changes);
    for (let i = 0; i < TARGETS; i += 1) {
      const mails = smtp.received
        .filter((m) => m.subject.endsWith(` flip-${i}`))
        .map((m) => m.subject.split(' ')[1]);
      expect([i, mails]).toEqual([
        i,
        Array.from({ length: FLIPS }, () => ['FAIL', 'RECOVERED']).flat(),
      ]);
    }
    expect(t.logger.lines.filter((l) => /transaction|savepoint/i.test(l))).toEqual([]);
  });
});
