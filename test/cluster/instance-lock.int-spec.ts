import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstanceLock } from '../../src/cluster/instance-lock';

describe('the lock file beside a SQLite database', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-lock-'));
    file = join(dir, 'vigil.sqlite.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is taken with this process id, and removed on release', () => {
    const lock = new InstanceLock(file);
    expect(lock.acquire()).toEqual({ held: true });
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('is refused while another running process holds it, naming that process', async () => {
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(file, `${other.pid}\n`);
      expect(new InstanceLock(file).acquire()).toEqual({ held: false, pid: other.pid });
      expect(readFileSync(file, 'utf8').trim()).toBe(String(other.pid));
    } finally {
      other.kill();
      await new Promise((resolve) => other.once('exit', resolve));
    }
  });

  it('is taken over from a process that no longer runs', () => {
    const gone = spawnSync('true').pid;
    writeFileSync(file, `${gone}\n`);
    const lock = new InstanceLock(file);
    expect(lock.acquire()).toEqual({ held: true });
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
