import { startSmtpServer, type TestSmtpServer } from '../notifications/smtp-servers';
import { databaseKinds } from '../support/database';
import { until } from '../support/until';
import { clusterFixture, createMailNotifier, createTarget, sleep } from './cluster-support';

const describeMysql = databaseKinds().includes('mysql') ? describe : describe.skip;

interface OutboxRow {
  kind: string;
  state: string;
  attempts: number;
}

describeMysql('notifications of three instances on one MariaDB database', () => {
  // every instance looks at the outbox every 50 ms, so that they meet on the same rows
  const fixture = clusterFixture('mysql', 3, { VIGIL_NOTIFY_POLL_MS: '50' });
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    // each mail takes a while, so that the others poll while one instance sends
    smtp = await startSmtpServer({ acceptDelayMs: 300 });
  });
  afterAll(() => smtp?.close());

  it('mails a failing target once, and its recovery once', async () => {
    const { counting, instances, sql } = fixture;
    const [first, second] = instances.all;
    const notifierId = await createMailNotifier(first, smtp.port);
    const path = '/flaky';
    const id = await createTarget(second, 'flaky', `${counting.url}${path}`, 1, {
      notifierIds: [notifierId],
    });
    const mails = (kind: string) =>
      smtp.received.filter((m) => m.subject === `[vigil] ${kind} flaky`);
    const outbox = () =>
      sql.query<OutboxRow>(
        'SELECT kind, state, attempts FROM notifications WHERE target_id = ? ORDER BY id',
        [id],
      );

    await until(() => counting.hits(path) >= 2, 20_000);
    expect(smtp.received).toEqual([]);

    /** The target turns to `status`: one mail of `kind`, and none more over further probes. */
    const turn = async (status: number, kind: string) => {
      counting.answer(path, status);
      await until(() => mails(kind).length > 0, 20_000);
      // several probes more, while the three instances keep polling the outbox
      const hits = counting.hits(path);
      await until(() => counting.hits(path) >= hits + 3, 10_000);
      await sleep(1000);
      expect(mails(kind)).toHaveLength(1);
    };
    await turn(500, 'FAIL');
    await turn(200, 'RECOVERED');
    expect(smtp.received.map((m) => m.subject)).toEqual([
      '[vigil] FAIL flaky',
      '[vigil] RECOVERED flaky',
    ]);
    expect((await outbox()).map((r) => [r.kind, r.state, Number(r.attempts)])).toEqual([
      ['FAIL', 'sent', 1],
      ['RECOVERED', 'sent', 1],
    ]);
  }, 120_000);
});
