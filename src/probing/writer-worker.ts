import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type Connection, createConnection, type ResultSetHeader } from 'mysql2/promise';
import type {
  BatchStatement,
  WriterDatabase,
  WriterReply,
  WriterRequest,
  WriterWorkerData,
} from './writer-protocol';

class ShortWrite extends Error {
  constructor(readonly index: number) {
    super('short write');
  }
}

function replyOf(id: number, error?: unknown): WriterReply {
  if (error === undefined) return { id };
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return {
    id,
    short: error instanceof ShortWrite ? error.index : undefined,
    message: error instanceof Error ? error.message : JSON.stringify(error),
    code: typeof code === 'string' ? code : undefined,
  };
}

/**
 * SQLite: a connection of its own to the file (WAL, so the application's connection keeps
 * reading meanwhile), a small cache of prepared statements, one transaction per batch.
 */
function sqliteWriter(file: string, cacheSize: number): (s: BatchStatement[]) => Promise<void> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const write = db.transaction((statements: BatchStatement[]) => {
    statements.forEach((s, index) => {
      const { changes } = prepared(s.sql).run(...s.params);
      if (s.minChanges !== undefined && changes < s.minChanges) throw new ShortWrite(index);
    });
  });
  return (statements) => {
    try {
      write(statements);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

/**
 * MySQL: one connection of its own (opened again after it is lost), batches one after the
 * other, each in one transaction; the values are put into the statements here.
 */
function mysqlWriter(
  options: Extract<WriterDatabase, { type: 'mysql' }>['connection'],
): (s: BatchStatement[]) => Promise<void> {
  let connection: Promise<Connection> | null = null;
  const connect = (): Promise<Connection> => {
    if (!connection) {
      const opened = createConnection(options);
      connection = opened;
      const lost = (): void => {
        if (connection === opened) connection = null;
      };
      opened.then((c) => {
        c.on('error', lost);
        c.on('end', lost);
      }, lost);
    }
    return connection;
  };
  return async (statements) => {
    const c = await connect();
    try {
      await c.query('START TRANSACTION');
      for (const [index, s] of statements.entries()) {
        const [result] = await c.query<ResultSetHeader>(s.sql, s.params);
        if (s.minChanges !== undefined && result.affectedRows < s.minChanges) {
          throw new ShortWrite(index);
        }
      }
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK').catch(() => {
        connection = null;
        c.destroy();
      });
      throw error;
    }
  };
}

const port = parentPort;
if (port) {
  const { database, cacheSize } = workerData as WriterWorkerData;
  const write =
    database.type === 'sqlite'
      ? sqliteWriter(database.file, cacheSize)
      : mysqlWriter(database.connection);
  let queue: Promise<void> = Promise.resolve();
  port.on('message', ({ id, statements }: WriterRequest) => {
    // one batch after the other; each is answered, whatever became of the one before
    queue = queue.then(async () => {
      try {
        await write(statements);
        port.postMessage(replyOf(id));
      } catch (error) {
        port.postMessage(replyOf(id, error));
      }
    });
  });
}
