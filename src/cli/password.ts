import { readFileSync } from 'node:fs';
import { CliError, EXIT, usageError } from './errors';

/** Reads a secret from a file: its first line, without the line end. */
export function readSecretFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return text.split(/\r?\n/)[0];
}

/** The non-blank lines of a file of secrets; an error names the file, never its content. */
export function readSecretLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Everything on stdin (when it is not a terminal), without the final line end. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a secret on the terminal without echoing it. Only call when stdin is a TTY. */
export function promptSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliError(EXIT.usage, 'interrupted'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A secret from, in this order: a file named on the command line, an environment variable,
 * or a prompt when stdin is a terminal. Undefined when none of them gives one.
 */
export async function resolveSecret(options: {
  file?: string;
  env?: string;
  prompt?: string;
}): Promise<string | undefined> {
  if (options.file !== undefined) return readSecretFile(options.file);
  if (options.env !== undefined && options.env !== '') return options.env;
  if (options.prompt && process.stdin.isTTY) return promptSecret(options.prompt);
  return undefined;
}
