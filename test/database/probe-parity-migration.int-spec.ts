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
      // rows of other tables that name a target, which a rebuilt `targets` must keep
      await before.query(
        `INSERT INTO ${q('target_states')} (${q('target_id')}, ${q('status')}, ${q('last_updated')}, ` +
          `${q('pass_count')}, ${q('fail_count')}, ${q('status_2xx_count')}, ${q('status_3xx_count')}, ` +
          `${q('status_4xx_count')}, ${q('status_5xx_count')}, ${q('network_fail_count')}, ` +
          `${q('repeated_fail_count')}, ${q('repeated_pass_count')}) ` +
          `VALUES (1, 'PASS', '2026-01-01 00:00:00.000', 7, 0, 7, 0, 0, 0, 0, 0, 7)`,
      );
      await before.query(
        `INSERT INTO ${q('probe_results')} (${q('target_id')}, ${q('probed_at')}, ${q('status')}, ` +
          `${q('http_status')}, ${q('response_time_ms')}, ${q('description')}) VALUES (1, '2026-01-01 00:00:00.000', 'PASS', 200, 12, '')`,
      );
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
      const kept = async (table: string) => {
        const [row] = await after.query<{ n: number | string }[]>(
          `SELECT COUNT(*) AS ${e('n')} FROM ${e(table)}`,
        );
        return Number(row.n);
      };
      expect([await kept('target_states'), await kept('probe_results')]).toEqual([1, 1]);
      if (kind === 'sqlite') {
        // the trigger that keeps updated_at for changes made in SQL survives the rebuild
        const triggers: Row[] = await after.query(
          `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'targets'`,
        );
        expect(triggers.map((t) => t.name)).toEqual(['targets_updated_at']);
      }

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
