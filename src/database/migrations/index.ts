import type { MigrationInterface } from 'typeorm';
import { Users1795227792084 as SqliteUsers1795227792084 } from './sqlite/1795227792084-Users';
import { Users1795227792084 as MysqlUsers1795227792084 } from './mysql/1795227792084-Users';

type MigrationClass = new () => MigrationInterface;

export const SQLITE_MIGRATIONS: MigrationClass[] = [SqliteUsers1795227792084];
export const MYSQL_MIGRATIONS: MigrationClass[] = [MysqlUsers1795227792084];
