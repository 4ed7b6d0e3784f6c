import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner only: the mode of the directories vigil creates for its data. */
export const PRIVATE_DIR_MODE = 0o700;
/** Owner read and write: the mode of every file holding secrets (the database, the key file). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the directory and its missing parents with mode 0700. A directory that is already
 * there keeps its mode: it may be shared (`/tmp`, `/var/lib`) and is not vigil's to change.
 */
export function ensurePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  // mkdir's mode is subject to the umask: set it on every level made here
  for (let d = dir; ; d = dirname(d)) {
    chmodSync(d, PRIVATE_DIR_MODE);
    if (d === first || dirname(d) === d) break;
  }
}

/**
 * Gives the file mode 0600, on every start (so that files of an older version are tightened too);
 * with `create`, creates it empty first when it is missing. Done with chmod, not with a umask
 * around the open: the umask is process-wide and would also hit whatever else the process
 * creates meanwhile. Returns false when the file does not exist (and `create` is false) or
 * belongs to another user.
 */
export function ensurePrivateFile(file: string, create = false): boolean {
  if (create) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // EPERM: a file of another owner that vigil may use but not change; it keeps its mode
    if (code === 'ENOENT' || code === 'EPERM') return false;
    throw err;
  }
}
