import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import request from 'supertest';
import type { ClusterMembers } from '../../src/common/cluster-members';
import { basicAuth, startInstance, TEST_USERS, type RunningApp } from '../support/app';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/database';
import { startTargetServer, type LocalServer } from '../probing/target-servers';
import { startSmtpServer, type TestSmtpServer } from './smtp-servers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

type Instance = RunningApp & { close(): Promise<void> };

interface OutboxRow extends RowDataPacket {
  id: number;
  target_name: string;
  state: string;
  attempts: number;
  claimed_by: string | null;
  claim_expires_at: Date | null;
}

const ENV = {
  // every instance looks at the outbox every 10 ms: they keep meeting on the same rows
  VIGIL_NOTIFY_POLL_MS: '10',
  VIGIL_NOTIFY_RETRY_BASE_MS: '200',
  VIGIL_NOTIFY_RETRY_MAX_MS: '800',
  VIGIL_NOTIFY_SMTP_TIMEOUT_MS: '3000',
  VIGIL_DOCS_ENABLED: 'false',
};

const sharedDatabase = databaseKinds().includes('mysql');
if (!sharedDatabase) console.warn('VIGIL_TEST_MYSQL_URL is not set: SKIPPING the outbox instances');

(sharedDatabase ? describe : describe.skip)('the outbox shared by instances on one MariaDB', () => {
  let database: TestDatabase;
  let sql: Connection;
  let smtp: TestSmtpServer;
  let targets: LocalServer;
  const instances: Instance[] = [];
  let notifierId = 0;

  const start = async (instanceId: string) => {
    const members: ClusterMembers = {
      instanceId,
      liveMembers: () => instances.length + 1,
      sendsOutbox: () => true,
    };
    const instance = await startInstance(database, ENV, { clusterMembers: members });
    instances.push(instance);
    return instance;
  };

  const as = (app: RunningApp, role: keyof typeof TEST_USERS) => ({
    post: (path: string, body?: object) =>
      request(app.url).post(path).set('authorization', basicAuth(TEST_USERS[role])).send(body),
  });

  const mailsAbout = (name: string) => smtp.received.filter((m) => m.subject.endsWith(` ${name}`));

  const rows = async (where: string, params: unknown[] = []) =>
    (await sql.query<OutboxRow[]>(`SELECT * FROM notifications WHERE ${where}`, params))[0];

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    // a busy mail server: each mail takes a while, so that instances poll while others send
    smtp = await startSmtpServer({ acceptDelayMs: 100 });
    targets = await startTargetServer(new Set());
    const a = await start('instance-a');
    await start('instance-b');
    sql = await createConnection({ uri: database.url, timezone: 'Z' });
    const res = await as(a, 'admin').post('/api/v1/notifiers', {
      name: 'ops',
      address: ['ops@example.test'],
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'vigil@example.test' },
    });
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    notifierId = (res.body as { id: number }).id;
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await sql?.end();
    await database?.drop();
    await smtp?.close();
    await targets?.close();
  });

  it('sends each mail once while two instances poll the outbox', async () => {
    const [a, b] = instances;
    const names = Array.from({ length: 12 }, (_, i) => `failing-${i}`);
    const ids: number[] = [];
    for (const name of names) {
      const res = await as(a, 'admin').post('/api/v1/targets', {
        name,
        url: `${targets.url}/status/500`,
        enabled: false,
        notifierIds: [notifierId],
      });
      expect([res.status, res.text]).toEqual([201, expect.any(String)]);
      ids.push((res.body as { id: number }).id);
    }
    // each change of state is stored by one instance or the other, all at once
    const probes = await Promise.all(
      ids.map((id, i) =>
        as(i % 2 === 0 ? a : b, 'operator').post(`/api/v1/targets/${id}/probe?notify=true`),
      ),
    );
    for (const res of probes) {
      expect([res.status, (res.body as { status: string }).status]).toEqual([200, 'FAIL']);
    }

    await waitFor('a mail per target', () => names.every((n) => mailsAbout(n).length > 0));
    // a while longer, both instances still polling: nothing is sent twice
    await sleep(1500);
    for (const name of names) expect([name, mailsAbout(name).length]).toEqual([name, 1]);
    const sent = await rows('target_name LIKE ?', ['failing-%']);
    expect(sent).toHaveLength(names.length);
    for (const row of sent) {
      expect([row.state, row.attempts, row.claim_expires_at]).toEqual(['sent', 1, null]);
      expect(['instance-a', 'instance-b']).toContain(row.claimed_by);
    }
  });

  it('sends a mail whose claim expired with its instance, and leaves a live claim alone', async () => {
    const now = Date.now();
    const insert = (name: string, targetId: number, claimedBy: string, claimExpiresAt: Date) =>
      sql.query(
        `INSERT INTO notifications (notifier_id, target_id, target_name, kind, subject, \`text\`, html,
           state, attempts, next_attempt_at, last_error, created_at, sent_at, claimed_by,
           claim_expires_at)
         VALUES (?, ?, ?, 'FAIL', ?, 'down', '<p>down</p>', 'sending', 1, ?, NULL, ?, NULL, ?, ?)`,
        [
          notifierId,
          targetId,
          name,
          `FAIL ${name}`,
          new Date(now - 120_000),
          new Date(now - 120_000),
          claimedBy,
          claimExpiresAt,
        ],
      );
    // an instance died while sending this one: its claim ran out a second ago
    await insert('orphaned', 900_001, 'dead-instance', new Date(now - 1000));
    // another instance is sending this one right now
    await insert('in-hand', 900_002, 'busy-instance', new Date(now + 3_600_000));
    // an instance starting meanwhile takes nothing from the live claim either
    await start('instance-c');

    await waitFor('the orphaned mail', () => mailsAbout('orphaned').length > 0);
    await sleep(1000);
    expect(mailsAbout('orphaned')).toHaveLength(1);
    const [orphaned] = await rows('target_name = ?', ['orphaned']);
    expect([orphaned.state, orphaned.attempts]).toEqual(['sent', 2]);
    expect(['instance-a', 'instance-b', 'instance-c']).toContain(orphaned.claimed_by);

    expect(mailsAbout('in-hand')).toHaveLength(0);
    const [inHand] = await rows('target_name = ?', ['in-hand']);
    expect([inHand.state, inHand.attempts, inHand.claimed_by]).toEqual([
      'sending',
      1,
      'busy-instance',
    ]);

    // the busy instance dies too: once its claim runs out, the mail goes, once
    await sql.query('UPDATE notifications SET claim_expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      inHand.id,
    ]);
    await waitFor('the mail in hand', () => mailsAbout('in-hand').length > 0);
    await sleep(1000);
    expect(mailsAbout('in-hand')).toHaveLength(1);
    const [settled] = await rows('id = ?', [inHand.id]);
    expect([settled.state, settled.attempts]).toEqual(['sent', 2]);
  });
});
