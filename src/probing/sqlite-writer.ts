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

/** A write the database refused; nothing of its batch was written. */
export class BatchWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'BatchWriteError';
  }
}

/**
 * The thread that writes batches: its own connection to the SQLite file (WAL, so the
 * application's connection keeps reading meanwhile), a small cache of prepared statements,
 * one transaction per batch.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
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
class ShortWrite extends Error {
  constructor(index) {
    super('short write');
    this.index = index;
  }
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
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({
      id,
      short: error instanceof ShortWrite ? error.index : undefined,
      message: String((error && error.message) || error),
      code: error && typeof error.code === 'string' ? error.code : undefined,
    });
  }
});
`;

/**
 * Statements the thread keeps prepared, least recently used dropped first: room for all the
 * shapes of a recorder's batches (two kinds of statement in nine sizes, statementSizes()).
 */
const PREPARED_STATEMENTS = 24;

interface Reply {
  id: number;
  short?: number;
  message?: string;
  code?: string;
}

/**
 * Writes batches to a SQLite file from a worker thread, so that the statements' work (and
 * the file's I/O) does not hold up the event loop that runs the probes.
 */
export class SqliteWriter {
  private worker: Worker | null = null;
  private nextId = 0;
  private last: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<
    number,
    { resolve: () => void; reject: (error: Error) => void }
  >();

  constructor(private readonly file: string) {}

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
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        driver: require.resolve('better-sqlite3'),
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
