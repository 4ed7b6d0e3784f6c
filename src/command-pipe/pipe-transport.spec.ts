import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PipeTransport, PipeUnavailable } from './pipe-transport';

function fifo(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-pipe-')), 'icinga2.cmd');
  execFileSync('mkfifo', [path]);
  return path;
}

describe('PipeTransport with a real FIFO', () => {
  it('answers at once when nobody reads the pipe', async () => {
    const transport = new PipeTransport(fifo());
    const started = Date.now();
    await expect(transport.send('[1] ENABLE_NOTIFICATIONS')).rejects.toThrow(
      /no process is reading it/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('names a missing pipe and a file that is not a FIFO', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-pipe-'));
    await expect(new PipeTransport(join(dir, 'nope')).send('x')).rejects.toBeInstanceOf(
      PipeUnavailable,
    );
    const file = join(dir, 'plain');
    writeFileSync(file, '');
    await expect(new PipeTransport(file).send('x')).rejects.toThrow(/not a FIFO/);
  });

  it('delivers 200 concurrent lines whole, one per line', async () => {
    const path = fifo();
    const out = `${path}.out`;
    // a reader in its own process, as Icinga is; it holds the pipe open read-write so that it
    // never sees end-of-file between writers
    const reader = spawn('bash', ['-c', 'exec 3<>"$1"; exec cat <&3 >"$2"', 'reader', path, out]);
    const transport = new PipeTransport(path);
    for (let i = 0; i < 50; i++) {
      try {
        await transport.send('[1] ENABLE_NOTIFICATIONS');
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const lines = Array.from(
      { length: 200 },
      (_, i) => `[1] PROCESS_SERVICE_CHECK_RESULT;host-${i};svc;2;output ${'x'.repeat(i * 20)}`,
    );
    await Promise.all(lines.map((l) => transport.send(l)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    reader.kill();
    const received = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(received.shift()).toBe('[1] ENABLE_NOTIFICATIONS');
    expect(received.sort()).toEqual([...lines].sort());
  });
});
