import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { TEST_USERS } from '../support/app';

export const ROOT = join(__dirname, '..', '..');

let compiled: string | undefined;

/**
 * The CLI's source transpiled once per test file into a temporary folder: starting it with
 * ts-node takes about 2 s a run, the plain JavaScript a fifth of that. (`vigil serve` needs the
 * whole server and runs through ts-node instead.)
 */
function compiledCli(): string {
  if (compiled) return compiled;
  const out = mkdtempSync(join(tmpdir(), 'vigil-cli-js-'));
  const sources = [
    join(ROOT, 'openapi', 'client.ts'),
    ...readdirSync(join(ROOT, 'src', 'cli'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => join(ROOT, 'src', 'cli', f)),
    // plain modules outside src/cli that the CLI imports
    join(ROOT, 'src', 'targets', 'keystone-url.ts'),
  ];
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        resolveJsonModule: true,
      },
      fileName: file,
    });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  copyFileSync(join(ROOT, 'package.json'), join(out, 'package.json'));
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  compiled = out;
  return out;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Written to the CLI's stdin (which is a pipe, never a terminal). */
  input?: string;
  /** Run bin/vigil.js (as `npx vigil` does) instead of the transpiled source. */
  bin?: boolean;
  /** Run the TypeScript source through ts-node (slow; for `vigil serve`). */
  tsNode?: boolean;
}

/** The environment without any VIGIL_* setting of the machine running the tests. */
function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VIGIL_')));
}

/** Runs the vigil CLI as a child process, as a user's shell would. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const entry = options.bin
    ? [join(ROOT, 'bin', 'vigil.js')]
    : options.tsNode
      ? ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'cli', 'main.ts')]
      : [join(compiledCli(), 'src', 'cli', 'main.js')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: ROOT,
      env: {
        ...cleanEnv(),
        // the transpiled CLI lives outside the checkout: resolve its packages from here
        NODE_PATH: join(ROOT, 'node_modules'),
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the CLI against `url` signed in as the test user of `role` (password from the env). */
export function cliAs(url: string, role: keyof typeof TEST_USERS) {
  const user = TEST_USERS[role];
  return (args: string[], options: RunOptions = {}) =>
    runCli(args, {
      ...options,
      env: { VIGIL_URL: url, VIGIL_USER: user.name, VIGIL_PASSWORD: user.password, ...options.env },
    });
}

/** Parses --json output, failing the test with the CLI's stderr when it is not JSON. */
export function json<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\nstderr: ${result.stderr}`);
  }
}
