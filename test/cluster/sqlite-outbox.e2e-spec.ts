import { startSmtpServer, type TestSmtpServer } from '../notifications/smtp-servers';
import { closedPort } from '../probing/target-servers';
import { until } from '../support/until';
import {
  api,
  type ClusterView,
  clusterFixture,
  createMailNotifier,
  createTarget,
  sleep,
} from './cluster-support';

/** How long the mail server takes to accept a mail: longer than a process takes to start. */
const SEND_MS = 40_000;

interface OutboxRow {
  state: string;
  attempts: number;
  claimed_by: string | null;
}

describe('the outbox of two processes on one SQLite file', () => {
  const fixture = clusterFixture('sqlite', 0, {
    VIGIL_NOTIFY_SMTP_TIMEOUT_MS: String(3 * SEND_MS),
  });
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer({ acceptDelayMs: SEND_MS });
  });
  afterAll(() => smtp?.close());

  it('leaves a mail the first process is sending to it: the second starts and sends nothing', async () => {
    const { instances, sql } = fixture;
    // the first looks at the outbox only when a change of state is stored
    const first = await instances.start({ VIGIL_NOTIFY_POLL_MS: '60000' });
    const notifierId = await createMailNotifier(first, smtp.port);
    const id = await createTarget(first, 'down', `http://127.0.0.1:${await closedPort()}/`, 1, {
      notifierIds: [notifierId],
    });
    const row = async () =>
      (
        await sql.query<OutboxRow>(
          'SELECT state, attempts, claimed_by FROM notifications WHERE target_id = ?',
          [id],
        )
      )[0];
    await until(async () => (await row())?.state === 'sending', 20_000);

    // the second one looks at the outbox often
    const second = await instances.start({ VIGIL_NOTIFY_POLL_MS: '50' });
    // the first is still sending when the second is up
    expect(smtp.received).toEqual([]);
    await sleep(1000);

    await until(async () => (await row()).state === 'sent', 2 * SEND_MS);
    await sleep(1000);
    expect(smtp.received.map((m) => m.subject)).toEqual(['[vigil] FAIL down']);
    const view = await api<ClusterView>(first, 'GET', '/api/v1/cluster');
    const sent = await row();
    expect([sent.state, Number(sent.attempts), sent.claimed_by]).toEqual([
      'sent',
      1,
      view.instances[0].id,
    ]);
    expect(second.output()).toMatch(
      new RegExp(`Another vigil process \\(pid ${first.child.pid}\\) probes .* sends its`),
    );
  }, 180_000);
});
