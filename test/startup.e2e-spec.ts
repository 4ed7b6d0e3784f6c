import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServerProcess } from './support/server-process';

const MAIN = join(__dirname, '..', 'src', 'main.ts');
const PASSWORD_LINE = /password of user "admin" is: (\S+)/;

describe('start-up with a bad configuration', () => {
  it('exits non-zero with a message naming VIGIL_PORT', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], {
      env: { PATH: process.env.PATH, VIGIL_PORT: 'abc', VIGIL_DATA_DIR: '/nonexistent/vigil' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/VIGIL_PORT: must be a whole number between 1 and 65535/);
  });
});

interface Started {
  port: number;
  /** Every line written to stdout and stderr, in order, up to and with the "listening" line. */
  lines: string[];
  /** Everything written to stdout and stderr, raw. */
  raw: string;
}

/**
 * A first start as a user makes it: the server's own entry point on a clean data directory,
 * stdout and stderr piped (not a terminal), no VIGIL_* setting but those given. Resolves once
 * the "listening" line is out; the process is stopped by `stopAll`.
 */
async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const server = await startServerProcess({ VIGIL_DATA_DIR: dataDir, ...env });
  running.push(server);
  const raw = server.output();
  const lines = raw.split('\n').slice(0, -1); // whole lines only
  const at = lines.findIndex((l) => l.includes('listening on'));
  return { port: server.port, lines: lines.slice(0, at + 1), raw };
}

const running: ServerProcess[] = [];
const dirs: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-startup-'));
  dirs.push(dir);
  return join(dir, 'data');
}

async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

describe('start-up output', () => {
  afterEach(stopAll);

  // `npm start` adds four lines of its own (a blank line and the script around two), so a first
  // `npm start` shows at most 12
  it('prints at most 8 plain lines on a first start, the password among them and in a 0600 file', async () => {
    const data = dataDir();
    const { port, lines, raw } = await startServer(data);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(raw).not.toContain('\x1b[');
    const text = lines.join('\n');
    expect(text).toMatch(/vigil \d+\.\d+\.\d+/);
    expect(text).toContain(`SQLite ${join(data, 'vigil.sqlite')}: `);
    expect(text).toMatch(/\d+ migration\(s\) applied/);
    expect(text).toContain('1 site(s): local (unix:');
    expect(text).toContain('Probing 0 target(s)');
    expect(lines[lines.length - 1]).toContain(
      `listening on http://127.0.0.1:${port}, Swagger UI at http://127.0.0.1:${port}/docs`,
    );
    expect(text).not.toMatch(/InstanceLoader|RoutesResolver|RouterExplorer/);

    const password = PASSWORD_LINE.exec(text)?.[1];
    expect(password).toBeDefined();
    const file = join(data, 'initial-admin-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
      headers: { Authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
    });
    expect(me.status).toBe(200);
  });

  it('writes every line as JSON under VIGIL_LOG_FORMAT=json, the password only to the file', async () => {
    const data = dataDir();
    const { lines } = await startServer(data, { VIGIL_LOG_FORMAT: 'json' });
    const records = lines.map((line) => JSON.parse(line) as { level: string; message: string });
    const password = readFileSync(join(data, 'initial-admin-password'), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(lines.join('\n')).not.toContain(password);
    expect(records.map((r) => r.message)).toContainEqual(
      expect.stringContaining(`its password is in ${join(data, 'initial-admin-password')}`),
    );
    expect(records[records.length - 1].message).toMatch(/^listening on http:\/\/127\.0\.0\.1:/);
  });

  it('still prints the listening line under VIGIL_LOG_LEVEL=warn, and little else', async () => {
    const { lines } = await startServer(dataDir(), { VIGIL_LOG_LEVEL: 'warn' });
    expect(lines[lines.length - 1]).toContain('listening on http://127.0.0.1:');
    expect(lines.join('\n')).not.toMatch(/\[(Database|Livestatus|Probing)\]/);
  });

  it("prints Nest's module and route lines at debug only", async () => {
    const { lines } = await startServer(dataDir(), { VIGIL_LOG_LEVEL: 'debug' });
    const text = lines.join('\n');
    expect(text).toMatch(/DEBUG \[InstanceLoader\] AuthModule dependencies initialized/);
    expect(text).toMatch(/DEBUG \[RouterExplorer\] Mapped \{\/api\/v1\/me, GET\} route/);
  });
});
