import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/database/database.config';
import { buildDataSourceOptions } from '../../src/database/data-source';
import type { TestDatabase } from './database';

function configOf(db: TestDatabase): DatabaseConfig {
  if (db.kind === 'sqlite') return { type: 'sqlite', file: db.url.slice(7), migrate: true };
  const url = new URL(db.url);
  return {
    type: 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    migrate: true,
  };
}

/**
 * The test database with the migrations before the one whose name matches `until` (`through`:
 * with it too), or with all of them when `until` is left out; none of them run yet.
 */
export async function migrationsDataSource(
  db: TestDatabase,
  until?: RegExp,
  through = false,
): Promise<DataSource> {
  const options = buildDataSourceOptions(configOf(db));
  const all = options.migrations as (new () => { name?: string })[];
  let migrations = all;
  if (until) {
    const at = all.findIndex((m) => until.test(new m().name ?? ''));
    if (at < 1) throw new Error(`no migration after the first matches ${String(until)}`);
    migrations = all.slice(0, through ? at + 1 : at);
  }
  return new DataSource({ ...options, migrations }).initialize();
}
