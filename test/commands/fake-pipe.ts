import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A FIFO in a temporary folder, and optionally a reader collecting the lines written to it. */
export interface FakePipe {
  path: string;
  /** Complete lines read so far (without the newline). */
  lines: string[];
  /** Starts reading (held open read-write, like Icinga, so writers closing never ends it). */
  listen(): void;
  close(): void;
}

export function makeFakePipe(): FakePipe {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fake-pipe-'));
  const path = join(dir, 'icinga2.cmd');
  execFileSync('mkfifo', [path]);
  const lines: string[] = [];
  let socket: Socket | undefined;
  let rest = '';
  return {
    path,
    lines,
    listen() {
      const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
      socket = new Socket({ fd, readable: true, writable: false });
      socket.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts);
      });
    },
    close() {
      socket?.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A reader of a FIFO in a process of its own, as Icinga is: `cat` holding the pipe open
 * read-write (so writers closing never end it) and copying what it reads to a file. It can be
 * stopped (SIGSTOP: the pipe fills up, but writers can still open it) and resumed.
 */
export interface ReaderProcess {
  /** Everything read so far. */
  text(): string;
  /** Waits until `ok(text())`, failing after `ms`. */
  waitFor(ok: (text: string) => boolean, ms?: number): Promise<string>;
  /** Stops the reader and waits until the kernel shows it stopped (it reads nothing more). */
  stop(): Promise<void>;
  resume(): void;
  kill(): void;
}

export async function startReaderProcess(path: string): Promise<ReaderProcess> {
  const out = `${path}.read`;
  writeFileSync(out, '');
  const child = spawn('bash', ['-c', 'exec 3<>"$1"; exec cat <&3 >"$2"', 'reader', path, out], {
    stdio: 'ignore',
  });
  const pid = child.pid!;
  const text = () => readFileSync(out, 'utf8');
  const state = () => /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  const waitFor = async (ok: (text: string) => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const now = text();
      if (ok(now)) return now;
      if (Date.now() > deadline)
        throw new Error(`the reader did not get there: ${now.length} bytes`);
      await sleep(10);
    }
  };
  // ready once the pipe has a reader: then opening it for writing no longer fails with ENXIO
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO' || Date.now() > deadline) throw err;
      await sleep(10);
    }
  }
  return {
    text,
    waitFor,
    async stop() {
      process.kill(pid, 'SIGSTOP');
      while (state() !== 'T') await sleep(5);
    },
    resume() {
      process.kill(pid, 'SIGCONT');
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}

/**
 * Fills a FIFO whose reader is stopped to the last byte with whole lines of our own: lines of
 * 4096 bytes until the pipe refuses one (EAGAIN), then of 2048, 1024, … 1 byte (an empty line).
 * Each write is at most PIPE_BUF, so it is whole or refused. With `upTo`, stops before writing
 * more than that many bytes. Returns the lines written, in order.
 */
export function fillPipe(path: string, upTo = Infinity): string[] {
  const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  const written: string[] = [];
  let bytes = 0;
  try {
    for (let size = 4096; size >= 1; size /= 2) {
      const line = '#'.repeat(size - 1);
      const data = Buffer.from(`${line}\n`);
      while (bytes + size <= upTo) {
        try {
          if (writeSync(fd, data) !== data.length) throw new Error('a partial write of a filler');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
          throw err;
        }
        written.push(line);
        bytes += size;
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/** How many bytes lines take in a pipe, newlines included. */
export const bytesOf = (lines: string[]) =>
  lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
