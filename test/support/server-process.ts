import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../bench/livestatus-icinga';
import { until } from './until';

const MAIN = join(__dirname, '..', '..', 'src', 'main.ts');

/** A vigil server started from its own entry point, as a user starts it. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything written to stdout and stderr so far, in order. */
  output(): string;
  /** Waits until the output holds `pattern` after what it held when `since` was taken. */
  waitFor(pattern: RegExp, since?: number, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts` with no VIGIL_* setting but VIGIL_PORT (a free one), VIGIL_HOST
 * 127.0.0.1 and those given; resolves once the "listening" line is out.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VIGIL_HOST: '127.0.0.1',
      VIGIL_PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout?.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ServerProcess = {
    child,
    port,
    output: () => raw,
    async waitFor(pattern, since = 0, ms = 10_000) {
      await until(() => {
        if (child.exitCode !== null)
          throw new Error(`vigil exited with ${child.exitCode}:\n${raw}`);
        return pattern.test(raw.slice(since));
      }, ms).catch((err: Error) => {
        throw new Error(`${err.message}: no ${pattern} in vigil's output:\n${raw.slice(since)}`);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  try {
    await server.waitFor(/listening on .*\n/, 0, 60_000);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
