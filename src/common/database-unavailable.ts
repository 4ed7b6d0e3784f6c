/**
 * Error codes that say the database cannot be reached or cannot take writes right now (the
 * server is down or restarting, the connection was lost, SQLite's file is locked by another
 * writer), as opposed to a statement it refused: the same work can succeed later.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_QUERY_INTERRUPTED',
  'ER_NET_READ_ERROR',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_ERROR_ON_WRITE',
  'ER_OPTION_PREVENTS_STATEMENT',
]);

/** SQLite's primary result codes of the same kind (extended codes start with them). */
const SQLITE_UNAVAILABLE = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL'];

/** mysql2 errors without a code that mean the connection is gone. */
const UNAVAILABLE_MESSAGES = /closed state|connection lost|pool is closed|the server closed/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === 'string') return code;
  return driverError === error ? undefined : codeOf(driverError);
}

/** Whether the error says the database is unavailable for now (worth retrying later). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    return UNAVAILABLE_CODES.has(code) || SQLITE_UNAVAILABLE.some((c) => code.startsWith(c));
  }
  return error instanceof Error && UNAVAILABLE_MESSAGES.test(error.message);
}

/** The error's code, when it has one (for errors passed on from another thread). */
export function databaseErrorCode(error: unknown): string | undefined {
  return codeOf(error);
}
