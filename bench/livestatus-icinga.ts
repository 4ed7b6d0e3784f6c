/**
 * Starts a private Icinga 2 with livestatus on a UNIX socket and on a TCP port, all its state in
 * a temporary folder. Shared by the livestatus benchmark and the integration tests
 * (test/support/icinga.ts); it lives here because the build (tsconfig.build.json) excludes test/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ICINGA2_BINARIES = ['/usr/sbin/icinga2', '/usr/bin/icinga2'];

/** The icinga2 binary, or undefined when Icinga 2 is not installed. */
export function findIcinga2(): string | undefined {
  const found = ICINGA2_BINARIES.find((path) => existsSync(path));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v icinga2'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  return which.status === 0 && path ? path : undefined;
}

export interface IcingaInstance {
  dir: string;
  /** The livestatus UNIX socket. */
  socketPath: string;
  /** The livestatus TCP port on 127.0.0.1. */
  tcpPort: number;
  /** The external command pipe. */
  commandPipe: string;
  /** Sends one livestatus request (lines without the final empty line) over the UNIX socket. */
  raw(request: string): Promise<{ status: number; body: string }>;
  /** Writes one external command (`NAME;arg;...`) with the current time to the command pipe. */
  command(line: string): void;
  stop(): Promise<void>;
}

export interface StartIcingaOptions {
  /** Object definitions (hosts, services, groups) added to the generated icinga2.conf. */
  objects: string;
  /** How long to wait until livestatus answers `GET status`. */
  startTimeoutMs?: number;
  /** Further configuration (listeners, endpoints, users) added after the objects. */
  config?: string;
  /** Further `-D name=value` defines for the daemon (e.g. NodeName, ZoneName). */
  defines?: Record<string, string>;
  /** Called with the instance's folder once its sub-folders exist, before Icinga starts. */
  prepare?: (dir: string) => void;
}

/** Below the kernel's ephemeral ports, so that no outgoing connection takes the port meanwhile. */
const PORTS = { from: 20_000, to: 32_000 };

/** Whether `port` can be listened on at 127.0.0.1 now. */
function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port that was free a moment ago on 127.0.0.1, picked at random below the ephemeral
 * range: a port the kernel hands out (listen on 0) may be taken by any outgoing connection
 * before the process it is meant for listens on it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = PORTS.from + Math.floor(Math.random() * (PORTS.to - PORTS.from));
    if (await listenable(port)) return port;
  }
  throw new Error(`no free port between ${PORTS.from} and ${PORTS.to} after 50 attempts`);
}

/** Sends one request to a livestatus UNIX socket or TCP port, the minimal way. */
export function rawLivestatus(
  target: string | { host: string; port: number },
  request: string,
  timeoutMs = 5000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket =
      typeof target === 'string' ? createConnection({ path: target }) : createConnection(target);
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('livestatus did not answer in time'));
    }, timeoutMs);
    const finish = () => {
      const all = Buffer.concat(chunks);
      if (all.length < 16) return false;
      const length = Number(all.subarray(4, 15).toString('latin1').trim());
      if (all.length < 16 + length) return false;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status: Number(all.subarray(0, 3).toString('latin1')),
        body: all.subarray(16, 16 + length).toString('utf8'),
      });
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= 16) finish();
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      if (!finish()) {
        clearTimeout(timer);
        reject(new Error('livestatus closed the connection without a complete answer'));
      }
    });
    socket.write(`${request.replace(/\n+$/, '')}\nResponseHeader: fixed16\nOutputFormat: json\n\n`);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Starts Icinga 2 and waits until livestatus answers on both sockets. */
export async function startIcinga(options: StartIcingaOptions): Promise<IcingaInstance> {
  const binary = findIcinga2();
  if (!binary) throw new Error('icinga2 is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-icinga-'));
  for (const sub of ['data', 'log', 'cache', 'spool', 'run']) mkdirSync(join(dir, sub));
  const socketPath = join(dir, 'run', 'livestatus');
  const commandPipe = join(dir, 'run', 'icinga2.cmd');
  const tcpPort = await freePort();
  writeFileSync(
    join(dir, 'icinga2.conf'),
    [
      'include <itl>',
      'object CheckerComponent "checker" { }',
      `object LivestatusListener "livestatus-unix" { socket_type = "unix"; socket_path = "${socketPath}" }`,
      `object LivestatusListener "livestatus-tcp" { socket_type = "tcp"; bind_host = "127.0.0.1"; bind_port = "${tcpPort}" }`,
      `object ExternalCommandListener "command" { command_path = "${commandPipe}" }`,
      options.objects,
      options.config ?? '',
    ].join('\n'),
  );
  options.prepare?.(dir);
  const args = [
    'daemon',
    '-c',
    join(dir, 'icinga2.conf'),
    ...['DataDir=data', 'LogDir=log', 'CacheDir=cache', 'SpoolDir=spool', 'InitRunDir=run'].flatMap(
      (d) => {
        const [name, sub] = d.split('=');
        return ['-D', `${name}=${join(dir, sub)}`];
      },
    ),
    ...Object.entries(options.defines ?? {}).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
  ];
  const child = spawn(binary, args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ICINGA2_USER: 'root', ICINGA2_GROUP: 'root' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = async () => {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const gone = await Promise.race([
        new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
      ]);
      if (!gone) killGroup(child, 'SIGKILL');
    }
    // children of icinga2 sometimes linger in the group
    killGroup(child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30000);
  for (;;) {
    if (exited) {
      const log = existsSync(join(dir, 'log', 'icinga2.log'))
        ? readFileSync(join(dir, 'log', 'icinga2.log'), 'utf8').slice(-2000)
        : '';
      await stop();
      throw new Error(`icinga2 exited while starting:\n${stderr}\n${log}`);
    }
    try {
      const unix = await rawLivestatus(socketPath, 'GET status\nColumns: program_version', 2000);
      const tcp = await rawLivestatus(
        { host: '127.0.0.1', port: tcpPort },
        'GET status\nColumns: program_version',
        2000,
      );
      if (unix.status === 200 && tcp.status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`icinga2 did not answer livestatus within the start timeout:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    dir,
    socketPath,
    tcpPort,
    commandPipe,
    raw: (request) => rawLivestatus(socketPath, request),
    command: (line) => {
      writeFileSync(commandPipe, `[${Math.floor(Date.now() / 1000)}] ${line}\n`);
    },
    stop,
  };
}
