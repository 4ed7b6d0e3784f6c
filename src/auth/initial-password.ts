import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile } from '../common/private-files';

/**
 * The generated admin password, kept in the data directory (mode 0600) until it is changed or
 * an admin is configured, so that an operator who missed the console (a service manager, a
 * container log, JSON logs) can still read it once. Plain file helpers, no Nest.
 */
export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

export function initialPasswordFile(dataDir: string): string {
  return join(dataDir, INITIAL_PASSWORD_FILE);
}

/** Writes the password, the file created 0600 before the password goes in. */
export function writeInitialPassword(dataDir: string, password: string): string {
  const file = initialPasswordFile(dataDir);
  ensurePrivateDir(dataDir);
  ensurePrivateFile(file, true);
  writeFileSync(file, `${password}\n`);
  return file;
}

/** The password kept in the file, or null when there is none. */
export function readInitialPassword(dataDir: string): string | null {
  try {
    return readFileSync(initialPasswordFile(dataDir), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Removes the file; true when there was one. */
export function removeInitialPassword(dataDir: string): boolean {
  const file = initialPasswordFile(dataDir);
  const existed = existsSync(file);
  rmSync(file, { force: true });
  return existed;
}
