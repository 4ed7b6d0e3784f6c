import { runMigrations } from '../../src/database/migrate';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/database';
import { migrationsDataSource } from '../support/migrations';

/** The migration of redirects, status lists, TLS settings and certificate expiry. */
const PROBE_PARITY = /^ProbeParity\d+$/;

type Row = Record<string, unknown>;

const DEFINITION = {
  url: 'http://example.test/health',
  method: 'GET',
  headers: '{}',
  auth_type: 'NONE',
  frequency_seconds: 60,
  timeout_seconds: 10,
  failure_threshold: 1,
  recovery_threshold: 1,
  enabled: 1,
  notifier_ids: '[]',
};

describe.each(databaseKinds())('the probe parity migration on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps each expected code, follows redirects only for targets not expecting one, and goes back', async () => {
    const before = await migrationsDataSource(db, PROBE_PARITY);
    const q = (name: string) => before.driver.escape(name);
    try {
      await runMigrations(before);
      for (const [id, status] of [
        [1, 200],
        [2, 302],
        [3, 204],
      ]) {
        const row: Row = { id, name: `t${id}`, expected_status: status, ...DEFINITION };
        const names = Object.keys(row);
        await before.query(
          `INSERT INTO ${q('targets')} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
          Object.values(row),
        );
      }
    } finally {
      await before.destroy();
    }

    const after = await migrationsDataSource(db, PROBE_PARITY, true);
    const e = (name: string) => after.driver.escape(name);
    try {
      await runMigrations(after);
      const rows: Row[] = await after.query(
        `SELECT ${e('id')}, ${e('expected_status')}, ${e('follow_redirects')} FROM ${e('targets')} ORDER BY ${e('id')}`,
      );
      expect(
        rows.map((r) => [Number(r.id), r.expected_status, Number(r.follow_redirects)]),
      ).toEqual([
        [1, '200', 1],
        [2, '302', 0],
        [3, '204', 1],
      ]);

      // back: a list or a class becomes one code
      await after.query(
        `UPDATE ${e('targets')} SET ${e('expected_status')} = CASE ${e('id')} WHEN 1 THEN '2xx' WHEN 3 THEN '204,3xx' ELSE ${e('expected_status')} END`,
      );
      await after.undoLastMigration({ transaction: 'each' });
      const undone: Row[] = await after.query(
        `SELECT ${e('id')}, ${e('expected_status')} FROM ${e('targets')} ORDER BY ${e('id')}`,
      );
      expect(undone.map((r) => [Number(r.id), r.expected_status])).toEqual([
        [1, 200],
        [2, 302],
        [3, 204],
      ]);
    } finally {
      await after.destroy();
    }
  });
});
