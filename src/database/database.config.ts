import { join, resolve } from 'node:path';
import { configSlice } from '../config/config-slice';
import { Flag, Text } from '../config/settings';

export type DatabaseConfig =
  | { type: 'sqlite'; file: string; migrate: boolean }
  | {
      type: 'mysql';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      migrate: boolean;
    };

const URL_FORMS = 'must be sqlite:<file> or mysql://user:password@host:port/database';

export class DatabaseSettings {
  @Text(/^(sqlite:.+|(mysql|mariadb):\/\/.+)$/, URL_FORMS)
  VIGIL_DATABASE_URL?: string;

  @Flag()
  VIGIL_DATABASE_MIGRATE?: boolean;
}

function parseDatabase(
  url: string | undefined,
  dataDir: string,
  migrate: boolean,
  problems: string[],
): DatabaseConfig {
  const sqlite = { type: 'sqlite', file: join(dataDir, 'vigil.sqlite'), migrate } as const;
  if (!url) return sqlite;
  if (url.startsWith('sqlite:')) return { type: 'sqlite', file: resolve(url.slice(7)), migrate };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push(`VIGIL_DATABASE_URL: ${URL_FORMS}`);
    return sqlite;
  }
  return {
    type: 'mysql',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    migrate,
  };
}

export const databaseSlice = configSlice({
  settings: DatabaseSettings,
  build: (s, { dataDir, problems }): DatabaseConfig =>
    parseDatabase(s.VIGIL_DATABASE_URL, dataDir, s.VIGIL_DATABASE_MIGRATE ?? true, problems),
});
