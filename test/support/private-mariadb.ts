import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../bench/livestatus-icinga';
import { until } from './until';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

/** Whether a private MariaDB server can be started here (Debian's mariadb-server). */
export function privateMariaDbAvailable(): boolean {
  return existsSync(MARIADBD) && existsSync(INSTALL_DB);
}

/**
 * A MariaDB server of a test's own, in a folder of its own, on a port of its own: it can be
 * stopped and started again to make an outage without touching the shared server. Runs as
 * root (`--user=root`) so that it needs no change of file owners.
 */
export class PrivateMariaDb {
  private child: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Initialises the data folder and starts the server; resolves once it answers. */
  static async start(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-mariadb-'));
    execFileSync(
      INSTALL_DB,
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { stdio: 'ignore' },
    );
    const db = new PrivateMariaDb(dir, await freePort());
    await db.resume();
    const conn = await createConnection(db.connectionOptions());
    await conn.query('CREATE DATABASE vigil CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await conn.end();
    return db;
  }

  /** VIGIL_DATABASE_URL for the `vigil` database of this server. */
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}/vigil`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  private connectionOptions() {
    return { host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 };
  }

  private async answers(): Promise<boolean> {
    try {
      const conn = await createConnection(this.connectionOptions());
      await conn.end();
      return true;
    } catch {
      return false;
    }
  }

  /** Starts the server (again) on the same port and data; resolves once it answers. */
  async resume(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--bind-address=127.0.0.1',
        `--port=${this.port}`,
        '--user=root',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=16M',
        '--skip-name-resolve',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    await until(() => this.answers(), 60_000);
  }

  /** Stops the server (SIGTERM, then SIGKILL after 20 s); its data stays for resume(). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  /** Stops the server and removes its folder. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
