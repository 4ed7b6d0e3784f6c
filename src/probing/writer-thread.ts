import { Worker } from 'node:worker_threads';

/** One statement of a batch written in one transaction. */
export interface BatchStatement {
  sql: string;
  params: unknown[];
  /** When the statement changes fewer rows than this, the whole batch is rolled back. */
  minChanges?: number;
}

/** A statement of the batch changed fewer rows than it had to; nothing was written. */
export class ShortWrite extends Error {
  constructor(readonly index: number) {
    super(`statement ${index} of the batch changed fewer rows than expected`);
    this.name = 'ShortWrite';
  }
}

/** A write the database refused or could not take; nothing of its batch was written. */
export class BatchWriteError extends Error {
  constructor(
    message: string,
    /** The driver's error code (`ECONNREFUSED`, `SQLITE_BUSY`, …), when it gave one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'BatchWriteError';
  }
}

/** What the writer thread connects to. */
export type WriterDatabase =
  | { type: 'sqlite'; file: string }
  | {
      type: 'mysql';
      /** mysql2 connection options, the same as the application's connection. */
      connection: {
        host?: string;
        port?: number;
        user?: string;
        password?: string;
        database?: string;
        charset?: string;
        timezone?: string;
        connectTimeout?: number;
      };
    };

/** The part of both threads that tells the batch's outcome back. */
const REPLY_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
class ShortWrite extends Error {
  constructor(index) {
    super('short write');
    this.index = index;
  }
}
function reply(id, error) {
  if (error === undefined) return parentPort.postMessage({ id });
  parentPort.postMessage({
    id,
    short: error instanceof ShortWrite ? error.index : undefined,
    message: String((error && error.message) || error),
    code: error && typeof error.code === 'string' ? error.code : undefined,
  });
}
`;

/**
 * The SQLite thread: its own connection to the file (WAL, so the application's connection
 * keeps reading meanwhile), a small cache of prepared statements, one transaction per batch.
 */
const SQLITE_SOURCE = `${REPLY_SOURCE}
const Database = require(workerData.driver);
const db = new Database(workerData.database.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const cache = new Map();
function prepared(sql) {
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= workerData.cacheSize) cache.delete(cache.keys().next().value);
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
const write = db.transaction((statements) => {
  statements.forEach((s, index) => {
    const { changes } = prepared(s.sql).run(...s.params);
    if (s.minChanges !== undefined && changes < s.minChanges) throw new ShortWrite(index);
  });
});
parentPort.on('message', ({ id, statements }) => {
  try {
    write(statements);
    reply(id);
  } catch (error) {
    reply(id, error);
  }
});
`;

/**
 * The MySQL thread: one connection of its own (opened again after it is lost), batches one
 * after the other, each in one transaction; the values are put into the statements here.
 */
const MYSQL_SOURCE = `${REPLY_SOURCE}
const mysql = require(workerData.driver);
let connection = null;
async function connect() {
  if (!connection) {
    connection = mysql.createConnection(workerData.database.connection);
    const opened = connection;
    opened.catch(() => {
      if (connection === opened) connection = null;
    });
    const c = await opened;
    const lost = () => {
      if (connection === opened) connection = null;
    };
    c.on('error', lost);
    c.on('end', lost);
  }
  return connection;
}
async function write(statements) {
  const c = await connect();
  try {
    await c.query('START TRANSACTION');
    for (const [index, s] of statements.entries()) {
      const [result] = await c.query(s.sql, s.params);
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
}
let queue = Promise.resolve();
parentPort.on('message', ({ id, statements }) => {
  queue = queue.then(() => write(statements).then(() => reply(id), (error) => reply(id, error)));
});
`;

/**
 * Statements the SQLite thread keeps prepared, least recently used dropped first: room for
 * all the shapes of a recorder's batches (three kinds of statement in nine sizes, statementSizes()).
 */
const PREPARED_STATEMENTS = 32;

interface Reply {
  id: number;
  short?: number;
  message?: string;
  code?: string;
}

/**
 * Writes batches from a worker thread with a connection of its own, so that the statements'
 * work (putting values into SQL, SQLite's I/O) does not hold up the event loop that runs the
 * probes.
 */
export class WriterThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private last: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<
    number,
    { resolve: () => void; reject: (error: Error) => void }
  >();

  constructor(private readonly database: WriterDatabase) {}

  /** Runs the statements in one transaction; rejects with ShortWrite or BatchWriteError. */
  write(statements: BatchStatement[]): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const written = new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, statements });
    });
    this.last = written.catch(() => undefined);
    return written;
  }

  /** Stops the thread once the batches sent so far are written. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // replies come in order: the last batch's answers for all before it
    await this.last;
    this.worker = null;
    await worker.terminate();
  }

  private start(): Worker {
    const sqlite = this.database.type === 'sqlite';
    const worker = new Worker(sqlite ? SQLITE_SOURCE : MYSQL_SOURCE, {
      eval: true,
      workerData: {
        database: this.database,
        driver: require.resolve(sqlite ? 'better-sqlite3' : 'mysql2/promise'),
        cacheSize: PREPARED_STATEMENTS,
      },
      // it holds one batch at a time: a small heap, collected often
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (reply.short !== undefined) w.reject(new ShortWrite(reply.short));
      else if (reply.message !== undefined)
        w.reject(new BatchWriteError(reply.message, reply.code));
      else w.resolve();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new BatchWriteError(`the writer thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
