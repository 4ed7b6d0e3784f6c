/**
 * A livestatus client for one site: UNIX socket or TCP, `ResponseHeader: fixed16` framing,
 * a cap on queries in flight with a bounded queue in front, and optional connection reuse
 * (`KeepAlive: on`) with a short idle time. Plain TypeScript, no Nest.
 *
 * Icinga 2 serves at most four livestatus connections at a time, so every connection this
 * client holds open (busy or idle) counts against `maxInFlight`, idle ones are closed after
 * `idleTimeoutMs`, and every exchange has a deadline after which its connection is destroyed.
 * Several vigil instances share that limit: each keeps to its share of `maxInFlight`
 * (connectionShare), asked again whenever a connection is wanted or given back.
 */
import { createConnection, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { formatAddress, type LivestatusAddress } from './site-config';

export interface LqlClientOptions {
  /** How long establishing a connection may take. */
  connectTimeoutMs: number;
  /** How long a query may take from submission (queue included) to the last byte of its answer. */
  timeoutMs: number;
  /** Connections (busy or idle) open at once, by all the instances sharing the site together. */
  maxInFlight: number;
  /** How many instances share the site now (1 when not given). */
  members?: () => number;
  /** Queries allowed to wait for a connection; more are refused at once. */
  queueLimit: number;
  /** Reuse connections with `KeepAlive: on`. */
  keepAlive: boolean;
  /** How long an idle kept-alive connection stays open. */
  idleTimeoutMs: number;
}

export type LqlErrorKind =
  'unavailable' | 'busy' | 'timeout' | 'protocol' | 'status' | 'too-large' | 'aborted';

/** A failed exchange with a livestatus site. `status` is livestatus' own code for kind `status`. */
export class LqlError extends Error {
  constructor(
    readonly kind: LqlErrorKind,
    readonly site: string,
    readonly address: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LqlError';
  }
}

/** An answer whose body arrives as a stream; the body ends once all announced bytes are in. */
export interface LqlAnswer {
  status: number;
  length: number;
  body: Readable;
}

export interface LqlReply {
  status: number;
  body: Buffer;
}

export interface RequestOptions {
  /** Aborts the query (queued or running) and frees its connection. */
  signal?: AbortSignal;
  /** Refuse (kind `too-large`) an answer announcing more bytes than this. */
  maxBytes?: number;
}

/** Text livestatus sends with an error status: its first line, as shown to callers. */
export function firstLine(body: Buffer | string, max = 1000): string {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * The connections one of `members` instances may hold open to a site that all of them together
 * may hold `maxInFlight` connections to: an equal share, rounded down, and at least one (so with
 * more instances than connections, each still holds one).
 */
export function connectionShare(maxInFlight: number, members: number): number {
  return Math.max(1, Math.floor(maxInFlight / Math.max(1, Math.floor(members))));
}

const HEADER_LENGTH = 16;
const HEADER = /^(\d{3}) +(\d{1,11})\n$/;
const MAX_ERROR_BODY = 1024 * 1024;

interface Connection {
  socket: Socket;
  /** Served an exchange before: it may have been closed by the peer meanwhile. */
  reused: boolean;
  idleTimer?: NodeJS.Timeout;
  idleListener?: () => void;
}

interface Waiter {
  grant(connection: Connection | null): void;
  fail(error: LqlError): void;
}

/** Failed before any byte of an answer arrived on a reused connection: worth one retry. */
class StaleConnectionError extends Error {}

export class LqlClient {
  readonly address: string;
  private busy = 0;
  private readonly idle: Connection[] = [];
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(
    readonly site: string,
    readonly target: LivestatusAddress,
    readonly options: LqlClientOptions,
  ) {
    this.address = formatAddress(target);
  }

  /** The connections this client may hold open now: its share of `maxInFlight`. */
  get limit(): number {
    const { maxInFlight, members } = this.options;
    return members ? connectionShare(maxInFlight, members()) : maxInFlight;
  }

  /** Queries running, connections idle and queries waiting, for diagnostics and tests. */
  get load(): { busy: number; idle: number; queued: number } {
    return { busy: this.busy, idle: this.idle.length, queued: this.waiters.length };
  }

  /**
   * Sends one request (`GET ...` or `COMMAND ...` lines without the final empty line) and
   * returns livestatus' status and body whatever the status. The client adds
   * `ResponseHeader: fixed16`, `OutputFormat: json` and, when reusing connections, `KeepAlive: on`.
   */
  async request(text: string, options: RequestOptions = {}): Promise<LqlReply> {
    const answer = await this.exchange(text, options);
    const limit = answer.status === 200 ? Infinity : MAX_ERROR_BODY;
    return { status: answer.status, body: await collect(answer.body, limit) };
  }

  /** Runs a GET query; resolves once livestatus answered 200, with the body still arriving. */
  async stream(query: string, options: RequestOptions = {}): Promise<LqlAnswer> {
    const answer = await this.exchange(query, options);
    if (answer.status !== 200) {
      const body = await collect(answer.body, MAX_ERROR_BODY).catch(() => Buffer.alloc(0));
      throw this.error(
        'status',
        firstLine(body) || `livestatus answered status ${answer.status}`,
        answer.status,
      );
    }
    return answer;
  }

  /** Runs a GET query and returns the whole body of its 200 answer. */
  async fetch(query: string, options: RequestOptions = {}): Promise<Buffer> {
    const answer = await this.stream(query, options);
    return collect(answer.body, Infinity);
  }

  /** Refuses new queries, fails waiting ones and closes idle connections. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.fail(this.error('unavailable', 'vigil is shutting down'));
    }
    for (const connection of this.idle.splice(0)) this.discard(connection);
  }

  private error(kind: LqlErrorKind, reason: string, status?: number): LqlError {
    const message =
      kind === 'status' ? reason : `livestatus site ${this.site} (${this.address}): ${reason}`;
    return new LqlError(kind, this.site, this.address, message, status);
  }

  private frame(text: string): string {
    const lines = text.replace(/\n+$/, '');
    const keepAlive = this.options.keepAlive ? 'KeepAlive: on\n' : '';
    return `${lines}\nResponseHeader: fixed16\nOutputFormat: json\n${keepAlive}\n`;
  }

  private async exchange(text: string, options: RequestOptions): Promise<LqlAnswer> {
    const deadline = Date.now() + this.options.timeoutMs;
    const request = this.frame(text);
    let connection = await this.acquire(deadline, options.signal);
    if (Date.now() >= deadline) {
      this.release(connection, true);
      throw this.error('timeout', `no complete answer within ${this.options.timeoutMs} ms`);
    }
    for (let attempt = 0; ; attempt++) {
      if (!connection) {
        try {
          connection = { socket: await this.connect(deadline), reused: false };
        } catch (err) {
          this.release(null, false);
          throw err;
        }
      }
      try {
        return await this.exchangeOn(connection, request, deadline, options);
      } catch (err) {
        if (err instanceof StaleConnectionError && attempt === 0) {
          connection = null;
          continue;
        }
        this.release(null, false);
        throw err instanceof StaleConnectionError
          ? this.error('protocol', 'closed the connection without answering')
          : err;
      }
    }
  }

  /** Takes a slot: an idle connection, null (open a new one) or a place in the queue. */
  private acquire(deadline: number, signal?: AbortSignal): Promise<Connection | null> {
    if (this.closed) return Promise.reject(this.error('unavailable', 'vigil is shutting down'));
    if (signal?.aborted) return Promise.reject(this.error('aborted', 'the caller went away'));
    this.trim();
    if (this.hasRoom()) {
      this.busy++;
      return Promise.resolve(this.unpark());
    }
    if (this.waiters.length >= this.options.queueLimit) {
      return Promise.reject(
        this.error(
          'busy',
          `${this.busy} queries running and ${this.waiters.length} waiting: try again later`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const waitedFor = this.waiters.length;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
      };
      const waiter: Waiter = {
        grant: (connection) => {
          done();
          resolve(connection);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const onAbort = () => waiter.fail(this.error('aborted', 'the caller went away'));
      const timer = setTimeout(
        () =>
          waiter.fail(
            this.error(
              'timeout',
              `no complete answer within ${this.options.timeoutMs} ms (waited behind ${waitedFor} queued queries)`,
            ),
          ),
        Math.max(deadline - Date.now(), 0),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives back a slot, keeping the connection for the next query when it can be reused. */
  private release(connection: Connection | null, reusable: boolean): void {
    this.busy--;
    // kept only while within the share, which shrinks when instances join
    const withinShare = this.busy + this.idle.length < this.limit;
    if (connection && reusable && withinShare && this.options.keepAlive && !this.closed) {
      connection.reused = true;
      const waiter = this.waiters.shift();
      if (waiter) {
        this.busy++;
        waiter.grant(connection);
      } else {
        this.park(connection);
      }
      return;
    }
    if (connection) this.discard(connection);
    this.pump();
  }

  private pump(): void {
    this.trim();
    while (this.waiters.length > 0 && this.hasRoom()) {
      const waiter = this.waiters.shift()!;
      this.busy++;
      waiter.grant(this.unpark());
    }
  }

  /** An idle connection to reuse, or room for a new one within the share. */
  private hasRoom(): boolean {
    return this.idle.length > 0 || this.busy + this.idle.length < this.limit;
  }

  /** Closes idle connections beyond the share (it shrinks when instances join). */
  private trim(): void {
    const limit = this.limit;
    while (this.idle.length > 0 && this.busy + this.idle.length > limit) {
      const connection = this.idle.shift()!;
      this.unhook(connection);
      this.discard(connection);
    }
  }

  private park(connection: Connection): void {
    const drop = () => {
      const index = this.idle.indexOf(connection);
      if (index < 0) return;
      this.idle.splice(index, 1);
      this.discard(connection);
      this.pump();
    };
    connection.idleListener = drop;
    connection.socket.once('close', drop);
    connection.socket.once('end', drop);
    connection.socket.once('data', drop);
    connection.idleTimer = setTimeout(drop, this.options.idleTimeoutMs);
    this.idle.push(connection);
  }

  private unpark(): Connection | null {
    const connection = this.idle.pop();
    if (!connection) return null;
    this.unhook(connection);
    return connection;
  }

  /** Stops watching an idle connection. */
  private unhook(connection: Connection): void {
    clearTimeout(connection.idleTimer);
    const listener = connection.idleListener;
    if (listener) {
      connection.socket.off('close', listener);
      connection.socket.off('end', listener);
      connection.socket.off('data', listener);
    }
  }

  private discard(connection: Connection): void {
    clearTimeout(connection.idleTimer);
    connection.socket.destroy();
  }

  private connect(deadline: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket =
        this.target.type === 'unix'
          ? createConnection({ path: this.target.path })
          : createConnection({ host: this.target.host, port: this.target.port });
      // A socket without an error listener would crash the process; errors are handled below.
      socket.on('error', () => undefined);
      const remaining = deadline - Date.now();
      const byDeadline = remaining < this.options.connectTimeoutMs;
      const timer = setTimeout(
        () => {
          socket.destroy();
          reject(
            byDeadline
              ? this.error('timeout', `no complete answer within ${this.options.timeoutMs} ms`)
              : this.error(
                  'unavailable',
                  `did not accept a connection within ${this.options.connectTimeoutMs} ms`,
                ),
          );
        },
        Math.max(Math.min(remaining, this.options.connectTimeoutMs), 0),
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        if (this.target.type === 'tcp') socket.setNoDelay(true);
        resolve(socket);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(this.error('unavailable', describeConnectError(err)));
      });
    });
  }

  /**
   * Writes the request and reads the 16-byte header; resolves with the body still arriving.
   * Once resolved, the connection's slot is released when the body is complete or fails.
   */
  private exchangeOn(
    connection: Connection,
    request: string,
    deadline: number,
    options: RequestOptions,
  ): Promise<LqlAnswer> {
    const { socket } = connection;
    return new Promise<LqlAnswer>((resolve, reject) => {
      let head: Buffer = Buffer.alloc(0);
      let body: Readable | null = null;
      let status = 0;
      let length = 0;
      let remaining = 0;
      let received = 0;
      let settled = false;

      const cleanup = () => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('end', onClosed);
        socket.off('close', onClosed);
        socket.off('error', onSocketError);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const succeed = (reusable: boolean) => {
        if (settled) return;
        settled = true;
        cleanup();
        this.release(connection, reusable);
      };
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        cleanup();
        socket.destroy();
        if (body) {
          this.release(null, false);
          body.destroy(error);
        } else {
          reject(error);
        }
      };
      const onClosed = () => {
        if (!body && received === 0 && connection.reused) {
          fail(new StaleConnectionError());
          return;
        }
        fail(
          this.error(
            'protocol',
            body
              ? `closed the connection after ${length - remaining} of ${length} announced bytes`
              : 'closed the connection without a complete answer',
          ),
        );
      };
      const onSocketError = onClosed;
      const onAbort = () => fail(this.error('aborted', 'the caller went away'));
      const timer = setTimeout(
        () => fail(this.error('timeout', `no complete answer within ${this.options.timeoutMs} ms`)),
        Math.max(deadline - Date.now(), 0),
      );

      const onBody = (chunk: Buffer) => {
        const take = chunk.length > remaining ? chunk.subarray(0, remaining) : chunk;
        remaining -= take.length;
        if (take.length > 0) body!.push(take);
        if (remaining === 0) {
          const extra = chunk.length > take.length;
          succeed(!extra && status === 200 && !socket.destroyed);
          body!.push(null);
        }
      };
      const onData = (chunk: Buffer) => {
        received += chunk.length;
        if (body) {
          onBody(chunk);
          return;
        }
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        if (head.length < HEADER_LENGTH) return;
        const match = HEADER.exec(head.subarray(0, HEADER_LENGTH).toString('latin1'));
        if (!match) {
          fail(this.error('protocol', 'answered with an invalid response header'));
          return;
        }
        status = Number(match[1]);
        length = Number(match[2]);
        remaining = length;
        if (status === 200 && options.maxBytes !== undefined && length > options.maxBytes) {
          fail(
            this.error(
              'too-large',
              `the answer has ${length} bytes, more than the limit of ${options.maxBytes}`,
            ),
          );
          return;
        }
        body = new Readable({
          read: () => undefined,
          destroy: (err, callback) => {
            if (!settled) fail(this.error('aborted', 'the answer was abandoned'));
            callback(err);
          },
        });
        // The body may fail before anyone reads it (a site whose answer waits its turn):
        // readers still see the error, but it must not go unhandled.
        body.on('error', () => undefined);
        resolve({ status, length, body });
        onBody(head.subarray(HEADER_LENGTH));
      };

      socket.on('data', onData);
      socket.once('end', onClosed);
      socket.once('close', onClosed);
      socket.once('error', onSocketError);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      socket.write(request);
    });
  }
}

function describeConnectError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no socket at this path (ENOENT)';
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${err.code})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host name not found (${err.code})`;
    default:
      return `cannot connect (${err.code ?? err.message})`;
  }
}

/** Reads a whole stream into one buffer, failing when it grows beyond `limit` bytes. */
export async function collect(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
