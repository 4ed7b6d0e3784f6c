import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ensurePrivateDir, ensurePrivateFile } from '../common/private-files';
import type { DatabaseConfig } from './database.config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/** TypeORM options for the configured database: entities, the dialect's migrations, never synchronize. */
export function buildDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: false,
  } as const;
  if (config.type === 'sqlite') {
    ensurePrivateDir(dirname(config.file));
    // The database file is created here, mode 0600, before SQLite opens it: SQLite gives the
    // -wal, -shm and -journal files it creates (again after each checkpoint or restart) the mode
    // of the database file, so they are 0600 too. Those left by an older version are tightened.
    ensurePrivateFile(config.file, true);
    for (const suffix of ['-wal', '-shm', '-journal']) ensurePrivateFile(config.file + suffix);
    return {
      ...common,
      type: 'better-sqlite3',
      database: config.file,
      migrations: SQLITE_MIGRATIONS,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        // with WAL, commits no longer wait for the disk; a power loss may lose the last ones
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: config.host,
    port: config.port,
    username: config.username,
    password: config.password,
    database: config.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    connectTimeout: 5000,
    migrations: MYSQL_MIGRATIONS,
  };
}
