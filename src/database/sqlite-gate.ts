import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Whether a transaction holds the application's SQLite connection, and since when: a
 * transaction open for long (a stuck write lock) is reported by health.
 */
export interface SqliteGateState {
  /** When the transaction open now began; null when none is open. */
  heldSince: Date | null;
  /** Operations waiting for it to end. */
  waiting: number;
}

interface Gate {
  owner: QueryRunner | null;
  since: Date | null;
  waiters: (() => void)[];
}

const GATES = new WeakMap<DataSource, Gate>();

/** The state of the gate of a SQLite data source; null for other databases. */
export function sqliteGateState(dataSource: DataSource): SqliteGateState | null {
  const gate = GATES.get(dataSource);
  return gate ? { heldSince: gate.since, waiting: gate.waiters.length } : null;
}

function release(gate: Gate): void {
  gate.owner = null;
  gate.since = null;
  // every waiter looks again; the first to run takes the gate, the others wait again
  const waiters = gate.waiters;
  gate.waiters = [];
  for (const wake of waiters) wake();
}

function free(gate: Gate): Promise<void> {
  return new Promise((resolve) => gate.waiters.push(resolve));
}

/**
 * One transaction at a time on the application's SQLite connection. TypeORM's better-sqlite3
 * driver hands every caller the same query runner, so two transactions running at once (two
 * API writes, a write during a read-modify-write) share one connection: the second joins the
 * first or nests a savepoint in it ("cannot start a transaction within a transaction", "no such
 * savepoint"), and a write answered with success can be rolled back with the other's work or
 * left in a transaction that never commits, holding the write lock.
 *
 * Here each caller gets a query runner of its own on the same connection (sharing one statement
 * cache). A runner that starts a transaction takes the gate; every query of any other runner
 * waits until that transaction is committed or rolled back. Statements outside a transaction run
 * as before, each on its own (better-sqlite3 runs a statement synchronously).
 */
export function gateSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3' || GATES.has(dataSource)) return;
  const gate: Gate = { owner: null, since: null, waiters: [] };
  GATES.set(dataSource, gate);
  const driver = dataSource.driver as unknown as {
    createQueryRunner(mode: string): QueryRunner;
    queryRunner?: QueryRunner;
  };
  const shared = driver.createQueryRunner('master') as QueryRunner & {
    stmtCache: Map<string, unknown>;
  };
  const RunnerClass = shared.constructor as new (d: unknown) => QueryRunner & {
    stmtCache: Map<string, unknown>;
  };
  const statements = shared.stmtCache;

  driver.createQueryRunner = () => {
    const runner = new RunnerClass(driver);
    runner.stmtCache = statements;
    const query = runner.query.bind(runner);
    const start = runner.startTransaction.bind(runner);
    const commit = runner.commitTransaction.bind(runner);
    const rollback = runner.rollbackTransaction.bind(runner);
    const ended = () => {
      if (gate.owner === runner && !runner.isTransactionActive) release(gate);
    };
    runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
      while (gate.owner && gate.owner !== runner) await free(gate);
      return (await query(...args)) as unknown;
    }) as QueryRunner['query'];
    runner.startTransaction = async (level) => {
      if (gate.owner !== runner) {
        while (gate.owner) await free(gate);
        gate.owner = runner;
        gate.since = new Date();
      }
      try {
        await start(level);
      } finally {
        ended();
      }
    };
    runner.commitTransaction = async () => {
      try {
        await commit();
      } catch (error) {
        // a failed COMMIT leaves SQLite's transaction open: end it, or it holds the lock
        if (runner.isTransactionActive) await rollback().catch(() => undefined);
        throw error;
      } finally {
        ended();
      }
    };
    runner.rollbackTransaction = async () => {
      try {
        await rollback();
      } finally {
        ended();
      }
    };
    return runner;
  };
}
