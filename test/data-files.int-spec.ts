import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/app.config';
import { CapturingLogger } from './support/app';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the files vigil keeps its data in', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'vigil-files-'));
    // the loosest umask: every mode checked below is vigil's doing, not the umask's
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  async function start(dataDir: string): Promise<() => Promise<void>> {
    const config = loadConfig({
      VIGIL_DATA_DIR: dataDir,
      VIGIL_USERS: '',
      VIGIL_PROBING_ENABLED: 'false',
    });
    const app = await createApp(config, { logger: new CapturingLogger() });
    await app.listen(0, '127.0.0.1');
    return () => app.close();
  }

  it('are created private on a fresh data directory: the directory 0700, the database, its -wal and -shm and the key file 0600', async () => {
    const dataDir = join(root, 'new', 'data');
    const stop = await start(dataDir);
    try {
      expect(mode(join(root, 'new'))).toBe(0o700);
      expect(mode(dataDir)).toBe(0o700);
      for (const file of ['vigil.sqlite', 'vigil.sqlite-wal', 'vigil.sqlite-shm', 'secret.key']) {
        expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
      }
    } finally {
      await stop();
    }
  });

  it('are tightened on start when an older version left them readable by others', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    await (
      await start(dataDir)
    )();
    for (const file of ['vigil.sqlite', 'vigil.sqlite-wal', 'vigil.sqlite-shm']) {
      const path = join(dataDir, file);
      writeFileSync(path, '', { flag: 'a' });
      chmodSync(path, 0o644);
    }
    const stop = await start(dataDir);
    try {
      for (const file of ['vigil.sqlite', 'vigil.sqlite-wal', 'vigil.sqlite-shm']) {
        expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
      }
      // a directory that was already there is not vigil's to change (it may be shared)
      expect(mode(dataDir)).toBe(0o755);
    } finally {
      await stop();
    }
  });
});
