import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../src/auth/user.entity';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrate';
import { gateSqliteTransactions, sqliteGateState } from '../../src/database/sqlite-gate';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('transactions on the application SQLite connection', () => {
  let dir: string;
  let ds: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-gate-'));
    ds = await new DataSource(
      buildDataSourceOptions({ type: 'sqlite', file: join(dir, 'vigil.sqlite'), migrate: true }),
    ).initialize();
    gateSqliteTransactions(ds);
    await runMigrations(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const user = (name: string) => ({ name, passwordHash: 'x', role: 'viewer' as const });

  it('runs concurrent transactions one after the other: each commits or rolls back whole', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        ds.transaction(async (m) => {
          await m.insert(UserEntity, user(`a${i}`));
          await sleep((i * 7) % 11);
          await m.insert(UserEntity, user(`b${i}`));
          if (i % 3 === 0) throw new Error(`rolled back ${i}`);
        }),
      ),
    );
    const errors = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as Error).message] : [],
    );
    expect(errors.sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `rolled back ${k * 3}`).sort(),
    );
    const names = (await ds.getRepository(UserEntity).find()).map((u) => u.name).sort();
    const kept = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(names).toEqual(kept.flatMap((i) => [`a${i}`, `b${i}`]).sort());
    expect(sqliteGateState(ds)).toEqual({ heldSince: null, waiting: 0 });
  });

  it('keeps a write made outside a transaction that rolls back meanwhile', async () => {
    await ds.getRepository(UserEntity).insert(user('kept'));
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const failing = ds.transaction(async (m) => {
      await m.insert(UserEntity, user('rolled-back'));
      inside();
      await sleep(100);
      throw new Error('fails');
    });
    await opened;
    expect(sqliteGateState(ds)?.heldSince).toBeInstanceOf(Date);
    // a save (its own transaction) and a plain update while the other transaction is open
    const saved = ds.getRepository(UserEntity).save(user('saved'));
    const updated = ds.getRepository(UserEntity).update({ name: 'kept' }, { role: 'admin' });
    await expect(failing).rejects.toThrow('fails');
    await saved;
    await updated;
    const rows = await ds.getRepository(UserEntity).find({ order: { name: 'ASC' } });
    expect(rows.map((u) => [u.name, u.role])).toEqual([
      ['kept', 'admin'],
      ['saved', 'viewer'],
    ]);
  });

  it('lets a transaction nest its own savepoints', async () => {
    await ds.transaction(async (outer) => {
      await outer.insert(UserEntity, user('outer'));
      await outer
        .transaction(async (inner) => {
          await inner.insert(UserEntity, user('inner'));
          throw new Error('inner fails');
        })
        .catch(() => undefined);
    });
    const names = (await ds.getRepository(UserEntity).find()).map((u) => u.name);
    expect(names).toEqual(['outer']);
  });
});
