import { type DataSource, type Migration, MigrationExecutor } from 'typeorm';

const MYSQL_LOCK = 'vigil_migrations';
const MYSQL_LOCK_SECONDS = 120;

/**
 * Runs pending migrations. On MySQL/MariaDB a named lock makes concurrent start-ups take turns,
 * so two instances never migrate the same database at once.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  if (dataSource.options.type !== 'mysql') {
    return dataSource.runMigrations({ transaction: 'each' });
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
      MYSQL_LOCK,
      MYSQL_LOCK_SECONDS,
    ])) as { locked: number | string | null }[];
    if (Number(row?.locked) !== 1) {
      throw new Error(`could not take the ${MYSQL_LOCK} lock within ${MYSQL_LOCK_SECONDS} s`);
    }
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [MYSQL_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Whether migrations of this version are not applied to the database yet (reads only). */
export async function migrationsPending(dataSource: DataSource): Promise<boolean> {
  return (await new MigrationExecutor(dataSource).getPendingMigrations()).length > 0;
}
