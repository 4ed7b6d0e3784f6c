import { QueryFailedError } from 'typeorm';

/** Whether a database error is a unique-constraint violation (SQLite or MySQL/MariaDB). */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err.driverError as { code?: unknown } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The LIKE character used to escape `%`, `_` and itself in `containsPattern`. */
export const LIKE_ESCAPE = '!';

/** A LIKE pattern matching values that contain `text` literally (use with ESCAPE '!'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}
