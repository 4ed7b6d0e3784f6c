import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source';
import { runMigrations } from './migrate';
import { gateSqliteTransactions } from './sqlite-gate';

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
            if (config.migrate) await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
