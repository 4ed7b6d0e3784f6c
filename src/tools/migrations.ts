/**
 * Migration and schema tooling, run from the built tree:
 *   generate <Name>  writes a migration per dialect for what the entities add over the migrations
 *   schema           writes sql/mysql/schema.sql from the migrations run on a fresh MySQL database
 *   check            fails when the entities differ from the migrations (both dialects) or when
 *                    sql/mysql/schema.sql is stale
 * MySQL work happens in a throw-away database on the server named by VIGIL_TEST_MYSQL_URL
 * (default mysql://root@127.0.0.1:3306).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../database/database.config';
import { buildDataSourceOptions } from '../database/data-source';

type Dialect = 'sqlite' | 'mysql';
const ROOT = join(__dirname, '..', '..', '..');
const MIGRATIONS_DIR = join(ROOT, 'src', 'database', 'migrations');
const SCHEMA_FILE = join(ROOT, 'sql', 'mysql', 'schema.sql');

async function withFreshDatabase<T>(
  dialect: Dialect,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-schema-'));
    const config: DatabaseConfig = { type: 'sqlite', file: join(dir, 'db.sqlite'), migrate: true };
    const ds = await new DataSource(buildDataSourceOptions(config)).initialize();
    try {
      return await work(ds);
    } finally {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const server = new URL(process.env.VIGIL_TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306');
  const name = `vigil_schema_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const config: DatabaseConfig = {
    type: 'mysql',
    host: server.hostname,
    port: Number(server.port || 3306),
    username: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: name,
    migrate: true,
  };
  // TypeORM reads column defaults differently on MariaDB (a nullable column's default comes back
  // as the text 'NULL' through the mysql driver), so compare with the dialect the server speaks.
  const [rows] = await admin.query('SELECT VERSION() AS version');
  const version = String((rows as { version: string }[])[0]?.version);
  const ds = await new DataSource({
    ...buildDataSourceOptions(config),
    type: /mariadb/i.test(version) ? 'mariadb' : 'mysql',
  } as DataSourceOptions).initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
    await admin.query(`DROP DATABASE \`${name}\``);
    await admin.end();
  }
}

async function pendingChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  await ds.runMigrations({ transaction: 'each' });
  const log = await ds.driver.createSchemaBuilder().log();
  const render = (q: { query: string; parameters?: unknown[] }) =>
    q.parameters?.length ? `${q.query} -- ${JSON.stringify(q.parameters)}` : q.query;
  return { up: log.upQueries.map(render), down: log.downQueries.reverse().map(render) };
}

async function mysqlSchema(ds: DataSource): Promise<string> {
  await ds.runMigrations({ transaction: 'each' });
  const tables = await ds.query<{ name: string }[]>(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
  );
  const parts = [
    '-- vigil MySQL/MariaDB schema, produced by `npm run schema:generate` from the migrations.',
    '',
  ];
  for (const { name } of tables) {
    const [row] = await ds.query<Record<string, string>[]>(`SHOW CREATE TABLE \`${name}\``);
    parts.push(`${row['Create Table'].replace(/ AUTO_INCREMENT=\d+/, '')};`, '');
  }
  const applied = await ds.query<
    {
      timestamp: string;
      name: string;
    }[]
  >('SELECT timestamp, name FROM migrations ORDER BY id');
  for (const m of applied) {
    parts.push(
      `INSERT INTO \`migrations\` (\`timestamp\`, \`name\`) VALUES (${m.timestamp}, '${m.name}');`,
    );
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function writeIndex(): void {
  const list = (dialect: Dialect) =>
    readdirSync(join(MIGRATIONS_DIR, dialect))
      .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
      .sort()
      .map((f) => {
        const [timestamp, name] = f.replace(/\.ts$/, '').split('-');
        return {
          file: `./${dialect}/${f.replace(/\.ts$/, '')}`,
          cls: `${name}${timestamp}`,
          dialect,
        };
      });
  const all = [...list('sqlite'), ...list('mysql')];
  const alias = (m: { cls: string; dialect: Dialect }) =>
    `${m.dialect === 'sqlite' ? 'Sqlite' : 'Mysql'}${m.cls}`;
  const lines = [
    "import type { MigrationInterface } from 'typeorm';",
    ...all.map((m) => `import { ${m.cls} as ${alias(m)} } from '${m.file}';`),
    '',
    'type MigrationClass = new () => MigrationInterface;',
    '',
    `export const SQLITE_MIGRATIONS: MigrationClass[] = [${all
      .filter((m) => m.dialect === 'sqlite')
      .map(alias)
      .join(', ')}];`,
    `export const MYSQL_MIGRATIONS: MigrationClass[] = [${all
      .filter((m) => m.dialect === 'mysql')
      .map(alias)
      .join(', ')}];`,
    '',
  ];
  writeFileSync(join(MIGRATIONS_DIR, 'index.ts'), lines.join('\n'));
}

async function generate(name: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('migration name must be PascalCase');
  const timestamp = Date.now();
  for (const dialect of ['sqlite', 'mysql'] as const) {
    const { up, down } = await withFreshDatabase(dialect, pendingChanges);
    if (up.length === 0) {
      console.log(`${dialect}: no changes`);
      continue;
    }
    const body = [
      "import type { MigrationInterface, QueryRunner } from 'typeorm';",
      '',
      `export class ${name}${timestamp} implements MigrationInterface {`,
      `  name = '${name}${timestamp}';`,
      '',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      ...up.map((q) => `    await queryRunner.query(${quote(q)});`),
      '  }',
      '',
      '  public async down(queryRunner: QueryRunner): Promise<void> {',
      ...down.map((q) => `    await queryRunner.query(${quote(q)});`),
      '  }',
      '}',
      '',
    ];
    const file = join(MIGRATIONS_DIR, dialect, `${timestamp}-${name}.ts`);
    writeFileSync(file, body.join('\n'));
    console.log(`${dialect}: wrote ${file}`);
  }
  writeIndex();
  console.log(
    'now run `npx prettier --write src/database/migrations` and `npm run schema:generate`',
  );
}

async function check(): Promise<boolean> {
  let ok = true;
  for (const dialect of ['sqlite', 'mysql'] as const) {
    const { up } = await withFreshDatabase(dialect, pendingChanges);
    if (up.length > 0) {
      ok = false;
      console.error(`${dialect}: the entities differ from the migrations:\n  ${up.join('\n  ')}`);
      console.error('  run `npm run migration:generate -- <Name>`');
    } else console.log(`${dialect}: migrations match the entities`);
  }
  const schema = await withFreshDatabase('mysql', mysqlSchema);
  let committed = '';
  try {
    committed = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    // reported as stale
  }
  if (schema !== committed) {
    ok = false;
    console.error(`${SCHEMA_FILE} is stale: run \`npm run schema:generate\``);
  } else console.log('sql/mysql/schema.sql matches the migrations');
  return ok;
}

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      if (!arg) throw new Error('usage: migrations generate <Name>');
      await generate(arg);
      return 0;
    case 'schema':
      writeFileSync(SCHEMA_FILE, await withFreshDatabase('mysql', mysqlSchema));
      console.log(`wrote ${SCHEMA_FILE}`);
      return 0;
    case 'check':
      return (await check()) ? 0 : 1;
    default:
      throw new Error('usage: migrations generate <Name> | schema | check');
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
