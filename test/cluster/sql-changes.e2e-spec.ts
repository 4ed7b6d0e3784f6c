import { databaseKinds } from '../support/database';
import { until } from '../support/until';
import { clusterFixture, createTarget, insertTargetInSql, sleep } from './cluster-support';

/** Changes in SQL reach the prober within this long. */
const SEEN_WITHIN_MS = 5000;

describe.each(databaseKinds())('targets changed in SQL (%s)', (kind) => {
  const fixture = clusterFixture(kind, 1);

  /** Waits until the path is no longer hit: within SEEN_WITHIN_MS, then quiet for 2.5 s. */
  async function expectStopped(path: string): Promise<void> {
    await sleep(SEEN_WITHIN_MS);
    const hits = fixture.counting.hits(path);
    await sleep(2500);
    expect(fixture.counting.hits(path)).toBe(hits);
  }

  it('probes a target INSERTed in SQL, follows UPDATEs, and stops on enabled = 0 and on DELETE', async () => {
    const { counting, instances, sql } = fixture;
    const [server] = instances.all;
    const template = await createTarget(server, 'template', `${counting.url}/template`);
    const id = await insertTargetInSql(sql, template, 'inserted', `${counting.url}/inserted`);
    await until(() => counting.hits('/inserted') > 0, SEEN_WITHIN_MS);
    // probing made its state row
    await until(async () => {
      const [row] = await sql.query<{ status: string }>(
        'SELECT status FROM target_states WHERE target_id = ?',
        [id],
      );
      return row?.status === 'PASS';
    }, 3000);

    await sql.run('UPDATE targets SET url = ? WHERE id = ?', [`${counting.url}/moved`, id]);
    await until(() => counting.hits('/moved') > 0, SEEN_WITHIN_MS);

    await sql.run('UPDATE targets SET enabled = 0 WHERE id = ?', [id]);
    await expectStopped('/moved');

    await sql.run('UPDATE targets SET enabled = 1 WHERE id = ?', [id]);
    const before = counting.hits('/moved');
    await until(() => counting.hits('/moved') > before, SEEN_WITHIN_MS);

    await sql.run('DELETE FROM targets WHERE id = ?', [id]);
    await expectStopped('/moved');
  }, 90_000);
});
