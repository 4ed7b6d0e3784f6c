import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

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

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENXIO: 'no process is reading it (is Icinga 2 running?)',
  EACCES: 'permission denied',
  ENOTDIR: 'it does not exist',
};

/**
 * Writes command lines to Icinga's external command FIFO. The pipe is opened without blocking,
 * so a pipe nobody reads fails at once instead of hanging; each line goes out in one write,
 * and this process writes one line at a time, so lines never interleave.
 */
export class PipeTransport {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly fullPipeWaitMs = 1000,
  ) {}

  /** Sends one line (a trailing newline is added). */
  send(line: string): Promise<void> {
    const result = this.tail.then(() => this.write(`${line}\n`));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async write(text: string): Promise<void> {
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
      const data = Buffer.from(text);
      let offset = 0;
      const deadline = Date.now() + this.fullPipeWaitMs;
      while (offset < data.length) {
        try {
          const { bytesWritten } = await handle.write(data, offset, data.length - offset);
          offset += bytesWritten;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
          if (Date.now() > deadline) throw new PipeUnavailable(this.path, 'it stays full');
          await sleep(5);
        }
      }
    } finally {
      await handle.close();
    }
  }
}
