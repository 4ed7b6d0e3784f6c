/** What the probe recorder's writer thread and its worker say to each other. */

/** One statement of a batch written in one transaction. */
export interface BatchStatement {
  sql: string;
  params: unknown[];
  /** When the statement changes fewer rows than this, the whole batch is rolled back. */
  minChanges?: number;
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

/** A batch to write in one transaction, sent to the writer thread. */
export interface WriterRequest {
  id: number;
  statements: BatchStatement[];
}

/** The thread's answer: nothing for a committed batch, else why it was rolled back. */
export interface WriterReply {
  id: number;
  /** The index of the statement that changed fewer rows than it had to. */
  short?: number;
  message?: string;
  code?: string;
}

/** What the thread is started with. */
export interface WriterWorkerData {
  database: WriterDatabase;
  /** Statements the SQLite thread keeps prepared. */
  cacheSize: number;
}
