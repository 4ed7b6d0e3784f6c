import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './database.config';
import { buildDataSourceOptions } from './data-source';
import { runMigrations } from './migrate';
import { gateSqliteTransactions } from './sqlite-gate';

/** The dialect and where the data is, for a log line: never the user or password of a URL. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.type === 'sqlite') return `SQLite ${config.file}`;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `MySQL/MariaDB ${host}:${config.port}/${config.database}`;
}

function migrationNote(applied: number | null): string {
  if (applied === null) return 'migrations not run (VIGIL_DATABASE_MIGRATE=false)';
  return applied > 0 ? `${applied} migration(s) applied` : 'no migration pending';
}

/** The TypeORM data source; pending migrations run before any other module uses it. */
@Module({})
export class DatabaseModule {
  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions(config),
            retryAttempts: 3,
            retryDelay: 2000,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            gateSqliteTransactions(dataSource);
            const applied = config.migrate ? (await runMigrations(dataSource)).length : null;
            new Logger('Database').log(`${describeDatabase(config)}: ${migrationNote(applied)}`);
            return dataSource;
          },
        }),
      ],
    };
  }
}
