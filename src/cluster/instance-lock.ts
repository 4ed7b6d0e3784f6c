import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** Whether a process with this id runs (one of another user counts as running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock file beside a SQLite database, holding the id of the process that probes it: created
 * exclusively, kept open while the process runs, removed at shutdown; one left by a process that
 * no longer runs is taken over.
 */
export class InstanceLock {
  private fd: number | null = null;

  constructor(readonly file: string) {}

  /** Takes the lock; the id of the process holding it when another does. */
  acquire(): { held: true } | { held: false; pid: number } {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(this.file, 'wx', 0o600);
        writeSync(fd, `${process.pid}\n`);
        this.fd = fd;
        return { held: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = Number.parseInt(this.readHolder(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && running(pid)) {
        return { held: false, pid };
      }
      // left by a process that is gone
      try {
        unlinkSync(this.file);
      } catch {
        // removed meanwhile by another process taking it over
      }
    }
    return { held: false, pid: Number.parseInt(this.readHolder(), 10) || 0 };
  }

  release(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    try {
      unlinkSync(this.file);
    } catch {
      // already gone
    }
  }

  private readHolder(): string {
    try {
      return readFileSync(this.file, 'utf8').trim();
    } catch {
      return '';
    }
  }
}
