import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type DatabaseKind = 'sqlite' | 'mysql';

export interface TestDatabase {
  kind: DatabaseKind;
  /** Value for VIGIL_DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

/**
 * The databases every database test runs on: SQLite always, MariaDB/MySQL when
 * VIGIL_TEST_MYSQL_URL names a server. Under CI=true a missing server is an error.
 */
export function databaseKinds(): DatabaseKind[] {
  if (process.env.VIGIL_TEST_MYSQL_URL) return ['sqlite', 'mysql'];
  if (process.env.CI === 'true') {
    throw new Error('CI=true but VIGIL_TEST_MYSQL_URL is not set: the MariaDB tests cannot run');
  }
  console.warn('VIGIL_TEST_MYSQL_URL is not set: SKIPPING every MariaDB variant of the tests');
  return ['sqlite'];
}

/** A fresh, empty database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-test-db-'));
    return {
      kind,
      url: `sqlite:${join(dir, 'vigil.sqlite')}`,
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const server = new URL(process.env.VIGIL_TEST_MYSQL_URL!);
  const name = `vigil_test_${randomBytes(5).toString('hex')}`;
  const options = {
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  };
  const admin = await createConnection(options);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      const conn = await createConnection(options);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
