import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf, fillPipe, makeFakePipe, startReaderProcess } from './fake-pipe';
import { until } from '../support/until';
import {
  PIPE_BUF,
  PipeLineTooLong,
  PipeTransport,
  PipeUnavailable,
  pipeState,
} from '../../src/commands/pipe-transport';

function fifo(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-pipe-')), 'icinga2.cmd');
  execFileSync('mkfifo', [path]);
  return path;
}

describe('pipeState with a real FIFO', () => {
  it('tells a missing path and a file that is not a FIFO as not present', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-pipe-'));
    expect(await pipeState(join(dir, 'nope'))).toEqual({
      present: false,
      hasReader: false,
      error: 'it does not exist',
    });
    const file = join(dir, 'plain');
    writeFileSync(file, '');
    expect(await pipeState(file)).toEqual({
      present: false,
      hasReader: false,
      error: 'it is not a FIFO',
    });
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('tells whether a process reads the FIFO, without writing to it', async () => {
    const pipe = makeFakePipe();
    try {
      expect(await pipeState(pipe.path)).toEqual({
        present: true,
        hasReader: false,
        error: 'no process is reading it (is Icinga 2 running?)',
      });
      pipe.listen();
      expect(await pipeState(pipe.path)).toEqual({ present: true, hasReader: true });
      // a line written after the check is the first the reader sees: the check wrote nothing
      await new PipeTransport(pipe.path).send('[1] ENABLE_NOTIFICATIONS');
      await until(() => pipe.lines.length > 0);
      expect(pipe.lines).toEqual(['[1] ENABLE_NOTIFICATIONS']);
    } finally {
      pipe.close();
    }
  });
});

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

  /** A line of `bytes` bytes with its newline, in two-byte characters where it can. */
  const lineOf = (bytes: number, tag: string) => {
    const head = `[1] ADD_HOST_COMMENT;web-01;1;otto;${tag} `;
    const room = bytes - Buffer.byteLength(head) - 1;
    return head + 'é'.repeat(Math.floor(room / 2)) + 'x'.repeat(room % 2);
  };

  it('writes a line of exactly PIPE_BUF bytes whole and refuses one byte more, writing nothing', async () => {
    const path = fifo();
    const reader = await startReaderProcess(path);
    try {
      const transport = new PipeTransport(path);
      const fits = lineOf(PIPE_BUF, 'fits');
      expect(Buffer.byteLength(`${fits}\n`)).toBe(4096);
      await transport.send(fits);
      const over = lineOf(PIPE_BUF + 1, 'over');
      await expect(transport.send(over)).rejects.toThrow(PipeLineTooLong);
      await expect(transport.send(over)).rejects.toThrow(/at most 4096 bytes/);
      await transport.send('[1] ENABLE_NOTIFICATIONS');
      const read = await reader.waitFor((text) => text.endsWith('ENABLE_NOTIFICATIONS\n'));
      expect(read).toBe(`${fits}\n[1] ENABLE_NOTIFICATIONS\n`);
    } finally {
      reader.kill();
    }
  });

  it('refuses a line while the pipe is full, writing none of it, and loses nothing else', async () => {
    const path = fifo();
    const reader = await startReaderProcess(path);
    try {
      const transport = new PipeTransport(path, 200);
      const before = ['[1] ENABLE_NOTIFICATIONS', lineOf(PIPE_BUF, 'before')];
      for (const line of before) await transport.send(line);
      await reader.waitFor((text) => text.split('\n').length === 3);
      await reader.stop();
      const fillers = fillPipe(path);
      expect(bytesOf(fillers)).toBeGreaterThanOrEqual(PIPE_BUF);

      const started = Date.now();
      for (const refused of ['[1] DISABLE_NOTIFICATIONS', lineOf(PIPE_BUF, 'refused')]) {
        const err: unknown = await transport.send(refused).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(PipeUnavailable);
        expect((err as Error).message).toMatch(/stays full/);
      }
      expect(Date.now() - started).toBeLessThan(2000);

      reader.resume();
      const after = [lineOf(PIPE_BUF, 'after'), '[1] ENABLE_FLAP_DETECTION'];
      for (const line of after) await transport.send(line);
      const read = await reader.waitFor((text) => text.endsWith('ENABLE_FLAP_DETECTION\n'));
      expect(read.split('\n')).toEqual([...before, ...fillers, ...after, '']);
    } finally {
      reader.kill();
    }
  });

  it('never writes part of a long line into the room a nearly full pipe has left', async () => {
    const path = fifo();
    const reader = await startReaderProcess(path);
    try {
      // the pipe's capacity: fill it while nobody reads, then let the reader drain it
      await reader.stop();
      const full = fillPipe(path);
      reader.resume();
      await reader.waitFor((text) => text.length === bytesOf(full));
      // now leave 8 KiB of room and offer a 12 KiB line: a write of it would put 8 KiB in
      await reader.stop();
      const most = fillPipe(path, bytesOf(full) - 8192);
      const transport = new PipeTransport(path, 200);
      await expect(transport.send(lineOf(12000, 'long'))).rejects.toThrow(PipeLineTooLong);
      await transport.send('[1] ENABLE_NOTIFICATIONS');
      reader.resume();
      const read = await reader.waitFor((text) => text.endsWith('ENABLE_NOTIFICATIONS\n'));
      expect(read.split('\n')).toEqual([...full, ...most, '[1] ENABLE_NOTIFICATIONS', '']);
    } finally {
      reader.kill();
    }
  });
});
