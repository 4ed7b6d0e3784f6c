import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * PIPE_BUF on Linux: a write of at most this many bytes to a pipe is atomic, all of it or
 * nothing (EAGAIN when the pipe is opened without blocking and has no room). A longer write may
 * be split: part of the line now, the rest glued to whatever comes next.
 */
export const PIPE_BUF = 4096;

/** The command pipe cannot take commands now (missing, no reader, or full for too long). */
export class PipeUnavailable extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`command pipe ${path} is not available: ${reason}`);
    this.name = 'PipeUnavailable';
  }
}

/** A line (with its newline) longer than PIPE_BUF: refused before anything is written. */
export class PipeLineTooLong extends Error {
  constructor(readonly bytes: number) {
    super(
      `the command is ${bytes} bytes with its newline; the command pipe takes at most ${PIPE_BUF} bytes per command`,
    );
    this.name = 'PipeLineTooLong';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENXIO: 'no process is reading it (is Icinga 2 running?)',
  EACCES: 'permission denied',
  ENOTDIR: 'it does not exist',
  EPIPE: 'its reader closed it (is Icinga 2 running?)',
};

/** Whether the command pipe could take a command now, told without writing to it. */
export interface PipeState {
  /** The path exists and is a FIFO. */
  present: boolean;
  /** A process (Icinga) has the FIFO open for reading. */
  hasReader: boolean;
  /** Why the pipe cannot take commands; absent when it can. */
  error?: string;
}

/**
 * Looks at the command pipe without writing to it: opening a FIFO O_WRONLY|O_NONBLOCK fails
 * with ENXIO when no process reads it, and succeeds (the descriptor is closed at once, nothing
 * written) when one does.
 */
export async function pipeState(path: string): Promise<PipeState> {
  const reason = (err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return REASONS[code] ?? code;
  };
  try {
    if (!(await stat(path)).isFIFO()) {
      return { present: false, hasReader: false, error: 'it is not a FIFO' };
    }
  } catch (err) {
    return { present: false, hasReader: false, error: reason(err) };
  }
  try {
    const handle = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    await handle.close();
    return { present: true, hasReader: true };
  } catch (err) {
    return { present: true, hasReader: false, error: reason(err) };
  }
}

/**
 * Writes command lines to Icinga's external command FIFO, each whole or not at all.
 *
 * The pipe is opened O_WRONLY|O_NONBLOCK, so a pipe nobody reads fails at once (ENXIO) instead
 * of hanging. Each line, newline included, is at most PIPE_BUF bytes and goes out in ONE
 * write(2) of one buffer: the kernel writes all of it or, when the pipe has no room, nothing
 * (EAGAIN). Nothing ever writes "the rest" of a line: libuv's write loop would, after a partial
 * write, but a write of at most PIPE_BUF bytes to a pipe is never partial, and a count other than
 * the whole line is reported as an internal error. A full pipe is tried again, whole line from
 * its first byte, for `fullPipeWaitMs`, then refused. This process writes one line at a time.
 */
export class PipeTransport {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly fullPipeWaitMs = 1000,
  ) {}

  /** Sends one line (a trailing newline is added); refuses lines over PIPE_BUF at once. */
  send(line: string): Promise<void> {
    const data = Buffer.from(`${line}\n`, 'utf8');
    if (data.length > PIPE_BUF) return Promise.reject(new PipeLineTooLong(data.length));
    const result = this.tail.then(() => this.write(data));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async write(data: Buffer): Promise<void> {
    let handle;
    try {
      handle = await open(this.path, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new PipeUnavailable(this.path, REASONS[code] ?? code);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFIFO()) throw new PipeUnavailable(this.path, 'it is not a FIFO');
      const deadline = Date.now() + this.fullPipeWaitMs;
      for (;;) {
        let bytesWritten: number;
        try {
          ({ bytesWritten } = await handle.write(data, 0, data.length));
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') throw new PipeUnavailable(this.path, REASONS.EPIPE);
          if (code !== 'EAGAIN') throw err;
          // EAGAIN: no room for the whole line, and not one byte of it was written
          if (Date.now() >= deadline) {
            throw new PipeUnavailable(this.path, 'it stays full (is Icinga 2 reading it?)');
          }
          await sleep(5);
          continue;
        }
        if (bytesWritten !== data.length) {
          throw new Error(
            `internal error: a write of ${data.length} bytes to the command pipe ${this.path} wrote ${bytesWritten}`,
          );
        }
        return;
      }
    } finally {
      await handle.close();
    }
  }
}
