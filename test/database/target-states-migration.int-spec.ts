import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/migrate';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/database';
import { migrationsDataSource } from '../support/migrations';

/** The migration that moves the state out of `targets`. */
const TARGET_STATES = /^TargetStates\d+$/;

const STATE_COLUMNS = [
  'status',
  'status_description',
  'previous_status',
  'last_updated',
  'last_probe_at',
  'last_response_time_ms',
  'pass_count',
  'fail_count',
  'status_2xx_count',
  'status_3xx_count',
  'status_4xx_count',
  'status_5xx_count',
  'network_fail_count',
  'repeated_fail_count',
  'repeated_pass_count',
] as const;

type Row = Record<string, unknown>;

/** Two targets as the previous version left them: one probed a while, one never probed. */
const TARGETS = [
  {
    id: 7,
    name: 'probed',
    enabled: 1,
    state: {
      status: 'FAIL',
      status_description: 'target status:503 != 200 — “quoted”',
      previous_status: 'PASS',
      last_updated: '2026-03-04 05:06:07.891',
      last_probe_at: '2026-03-05 06:07:08.912',
      last_response_time_ms: 1234,
      pass_count: 101,
      fail_count: 7,
      status_2xx_count: 99,
      status_3xx_count: 2,
      status_4xx_count: 3,
      status_5xx_count: 4,
      network_fail_count: 5,
      repeated_fail_count: 6,
      repeated_pass_count: 0,
    },
  },
  {
    id: 12,
    name: 'never probed',
    enabled: 0,
    state: {
      status: 'NEW',
      status_description: null,
      previous_status: null,
      last_updated: '2025-12-31 23:59:59.001',
      last_probe_at: null,
      last_response_time_ms: null,
      pass_count: 0,
      fail_count: 0,
      status_2xx_count: 0,
      status_3xx_count: 0,
      status_4xx_count: 0,
      status_5xx_count: 0,
      network_fail_count: 0,
      repeated_fail_count: 0,
      repeated_pass_count: 3,
    },
  },
];

const DEFINITION = {
  url: 'http://example.test/health',
  method: 'GET',
  headers: '{"Accept":"application/json"}',
  auth_type: 'NONE',
  frequency_seconds: 60,
  timeout_seconds: 10,
  expected_status: 200,
  failure_threshold: 2,
  recovery_threshold: 3,
  notifier_ids: '[]',
  fresh_connection: 1,
  created_at: '2025-01-02 03:04:05',
  updated_at: '2025-01-02 03:04:06',
};

/** A datetime as the database answers it, as text to the millisecond (UTC connections). */
function text(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return value;
}

function normalised(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, text(row[c])]));
}

describe.each(databaseKinds())('the migration to target_states on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('carries every state value and counter of a filled database over, and drops them from targets', async () => {
    const q = (ds: DataSource, name: string) => ds.driver.escape(name);
    const before = await migrationsDataSource(db, TARGET_STATES);
    let definitionsBefore: Row[];
    try {
      await runMigrations(before);
      for (const t of TARGETS) {
        const row: Row = { id: t.id, name: t.name, enabled: t.enabled, ...DEFINITION, ...t.state };
        const names = Object.keys(row);
        await before.query(
          `INSERT INTO ${q(before, 'targets')} (${names.map((n) => q(before, n)).join(', ')}) ` +
            `VALUES (${names.map(() => '?').join(', ')})`,
          Object.values(row),
        );
      }
      definitionsBefore = await before.query(`SELECT * FROM ${q(before, 'targets')} ORDER BY id`);
      expect(definitionsBefore).toHaveLength(2);
    } finally {
      await before.destroy();
    }

    const after = await migrationsDataSource(db);
    try {
      const ran = await runMigrations(after);
      // TargetStates first, then those that came after it
      expect(ran[0]?.name).toMatch(TARGET_STATES);

      const states: Row[] = await after.query(
        `SELECT * FROM ${q(after, 'target_states')} ORDER BY target_id`,
      );
      expect(states.map((s) => normalised(s, ['target_id', ...STATE_COLUMNS]))).toEqual(
        TARGETS.map((t) => ({ target_id: t.id, ...t.state })),
      );

      const targets: Row[] = await after.query(`SELECT * FROM ${q(after, 'targets')} ORDER BY id`);
      for (const column of STATE_COLUMNS) expect(Object.keys(targets[0])).not.toContain(column);
      const kept = Object.keys(targets[0]);
      expect(kept).toEqual(
        expect.arrayContaining(['created_at', 'updated_at', 'fresh_connection']),
      );
      // columns later migrations add are theirs to check
      const carried = kept.filter((c) => c in definitionsBefore[0]);
      expect(targets.map((t) => normalised(t, carried))).toEqual(
        definitionsBefore.map((t) => normalised(t, carried)),
      );

      // the state goes with its target
      await after.query(`DELETE FROM ${q(after, 'targets')} WHERE id = 7`);
      const left: Row[] = await after.query(`SELECT target_id FROM ${q(after, 'target_states')}`);
      expect(left.map((s) => Number(s.target_id))).toEqual([12]);
    } finally {
      await after.destroy();
    }
  });
});
