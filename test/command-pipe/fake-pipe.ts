import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
