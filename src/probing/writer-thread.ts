import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  BatchStatement,
  WriterDatabase,
  WriterReply,
  WriterRequest,
  WriterWorkerData,
} from './writer-protocol';

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

/**
 * Statements the SQLite thread keeps prepared, least recently used dropped first: room for
 * all the shapes of a recorder's batches (three kinds of statement in nine sizes, statementSizes()).
 */
const PREPARED_STATEMENTS = 32;

/** The worker's file: compiled JavaScript in a build, TypeScript under the tests. */
const WORKER_FILE = join(__dirname, `writer-worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = WORKER_FILE.endsWith('.ts')
  ? ['--require', 'ts-node/register/transpile-only']
  : [];

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
      const request: WriterRequest = { id, statements };
      worker.postMessage(request);
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
    const workerData: WriterWorkerData = {
      database: this.database,
      cacheSize: PREPARED_STATEMENTS,
    };
    const worker = new Worker(WORKER_FILE, {
      execArgv: WORKER_EXEC_ARGV,
      workerData,
      // it holds one batch at a time: a small heap, collected often
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
    });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
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
