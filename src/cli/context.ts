import type { Command } from 'commander';
import { createVigilClient, type VigilClient } from '../../openapi/client';
import { trustingCaFile, untrustedCertificateHint } from './ca-file';
import { CliError, EXIT, maskUrl, usageError } from './errors';
import { printJson, warn } from './output';
import { resolveSecret } from './password';

export const DEFAULT_URL = 'http://127.0.0.1:8080';
export const DEFAULT_USER = 'admin';

/** The options every command takes (defined on the program). */
export interface GlobalOptions {
  url: string;
  user: string;
  passwordFile?: string;
  caFile?: string;
  json?: boolean;
}

/** What openapi-fetch answers: data on success, error otherwise, and the response. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

interface Problem {
  title?: string;
  detail?: string;
  status?: number;
}

function problemDetail(error: unknown, response: Response): string {
  if (error && typeof error === 'object') {
    const p = error as Problem;
    if (p.detail) return p.detail;
    if (p.title) return p.title;
  }
  if (typeof error === 'string' && error.trim()) return error.trim().split('\n')[0];
  return `HTTP ${response.status} ${response.statusText}`.trim();
}

/** The connection to the vigil API and the output mode, shared by every command. */
export class CliContext {
  private clientPromise?: Promise<VigilClient>;

  constructor(
    private readonly program: Command,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get options(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  get json(): boolean {
    return this.options.json === true;
  }

  get url(): string {
    return this.options.url;
  }

  /** The API client, signed in; asks for the password on first use when needed. */
  client(): Promise<VigilClient> {
    this.clientPromise ??= this.connect();
    return this.clientPromise;
  }

  private async connect(): Promise<VigilClient> {
    const { url, user, passwordFile, caFile } = this.options;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw usageError(`--url: not a URL: ${maskUrl(url)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw usageError(`--url: must be http or https: ${maskUrl(url)}`);
    }
    if (!user) throw usageError('--user: give a user name (or set VIGIL_USER)');
    const dispatcher = caFile ? trustingCaFile(caFile) : undefined;
    const password = await resolveSecret({
      file: passwordFile,
      env: this.env.VIGIL_PASSWORD,
      prompt: `password of ${user} at ${maskUrl(url)}: `,
    });
    if (password === undefined) {
      throw new CliError(
        EXIT.connection,
        `no password for ${user}: set VIGIL_PASSWORD, use --password-file, or run on a terminal`,
      );
    }
    return createVigilClient({
      baseUrl: url.replace(/\/+$/, ''),
      username: user,
      password,
      dispatcher,
    });
  }

  /**
   * Awaits an API call and returns its data and response; maps failures to exit codes:
   * cannot connect, 401 and 429 (too many failed logins) exit 3, any other refusal exits 1.
   */
  async call<T>(request: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
    let result: FetchResult<T>;
    try {
      result = await request;
    } catch (err) {
      if (err instanceof CliError) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new CliError(
        EXIT.connection,
        `cannot connect to ${maskUrl(this.url)}: ${reason}${untrustedCertificateHint(reason)}`,
      );
    }
    const { response, error } = result;
    if (!response.ok) {
      const detail = problemDetail(error, response);
      if (response.status === 401) {
        throw new CliError(
          EXIT.connection,
          `not authenticated as ${this.options.user} at ${maskUrl(this.url)}: ${detail}`,
        );
      }
      if (response.status === 429) {
        throw new CliError(EXIT.connection, `login refused for now: ${detail}`);
      }
      throw new CliError(EXIT.refused, detail);
    }
    return { data: result.data as T, response };
  }

  /** Prints the API's JSON with --json, or the human rendering otherwise. */
  output(data: unknown, human: () => string | void): void {
    if (this.json) {
      printJson(data);
      return;
    }
    const text = human();
    if (typeof text === 'string' && text !== '') process.stdout.write(`${text}\n`);
  }

  warn(text: string): void {
    warn(text);
  }
}

/** Parses a whole number option, or fails with a usage error naming the option. */
export function intOption(name: string, min?: number, max?: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value)) throw usageError(`${name}: not a whole number: ${value}`);
    const n = Number(value);
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      throw usageError(`${name}: must be between ${min ?? '-∞'} and ${max ?? '∞'}: ${value}`);
    }
    return n;
  };
}

/** Parses a positive id argument. */
export function parseId(value: string, what = 'id'): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`${what}: not an id: ${value}`);
  return Number(value);
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
