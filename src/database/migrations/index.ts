import type { MigrationInterface } from 'typeorm';
import { Users1795227792084 as SqliteUsers1795227792084 } from './sqlite/1795227792084-Users';
import { Targets1795229294866 as SqliteTargets1795229294866 } from './sqlite/1795229294866-Targets';
import { Users1795227792084 as MysqlUsers1795227792084 } from './mysql/1795227792084-Users';
import { Targets1795229294866 as MysqlTargets1795229294866 } from './mysql/1795229294866-Targets';

type MigrationClass = new () => MigrationInterface;

export const SQLITE_MIGRATIONS: MigrationClass[] = [
  SqliteUsers1795227792084,
  SqliteTargets1795229294866,
];
export const MYSQL_MIGRATIONS: MigrationClass[] = [
  MysqlUsers1795227792084,
  MysqlTargets1795229294866,
];
