/** The exit codes of the vigil CLI. */
export const EXIT = {
  ok: 0,
  /** The API refused the request (its problem `detail` goes to stderr). */
  refused: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The server cannot be reached, or the credentials were not accepted. */
  connection: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends the CLI with its exit code and message (printed to stderr). */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);

/** Removes a password from a URL before it is shown anywhere. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
  }
}
