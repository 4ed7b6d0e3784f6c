/**
 * LQL (livestatus query language): building queries from structured input, checking queries
 * written by callers and naming the columns of their answers. The answers themselves are read
 * and encoded in lql-answer.ts. Plain TypeScript, no Nest.
 */

export const FILTER_OPERATORS = [
  '=',
  '~',
  '=~',
  '~~',
  '<',
  '>',
  '<=',
  '>=',
  '!=',
  '!~',
  '!=~',
  '!~~',
] as const;
export const STATS_FUNCTIONS = ['sum', 'min', 'max', 'avg', 'std', 'suminv', 'avginv'] as const;

/** Table and column names: identifier characters only. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Header lines the client adds itself; a caller may not set them. */
export const RESERVED_HEADERS = ['ResponseHeader', 'OutputFormat', 'KeepAlive'] as const;

const OPERATOR_PATTERN = [...FILTER_OPERATORS]
  .sort((a, b) => b.length - a.length)
  .map((op) => op.replace(/[~]/g, '\\~'))
  .join('|');
const CONDITION = new RegExp(
  `^([A-Za-z_][A-Za-z0-9_]*)[ \\t]+(${OPERATOR_PATTERN})(?:[ \\t]+(.*))?$`,
);
const AGGREGATE = new RegExp(`^(${STATS_FUNCTIONS.join('|')})[ \\t]+([A-Za-z_][A-Za-z0-9_]*)$`);

/** A query the caller got wrong: answered 400, naming the field. */
export class LqlSyntaxError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'LqlSyntaxError';
  }
}

/** A GET query, ready to send: its request lines (without the client's framing headers). */
export interface LqlQuery {
  table: string;
  /** The request lines: `GET <table>` and headers, without a trailing empty line. */
  text: string;
  /** Names of the answer's columns, or null when the answer starts with a header row. */
  columns: string[] | null;
  /** The answer starts with a header row (no Columns and no Stats, or ColumnHeaders: on). */
  headerRow: boolean;
  /** The parameter holding a query written by the caller, named by errors about it. */
  field?: string;
}

export interface StructuredQuery {
  table: string;
  columns?: string[];
  filters?: string[];
  stats?: string[];
  limit?: number;
}

function checkLineValue(field: string, value: string): void {
  if (/[\r\n\0]/.test(value)) throw new LqlSyntaxError(field, 'must not contain CR, LF or NUL');
}

function checkIdentifier(field: string, name: string, what: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new LqlSyntaxError(
      field,
      `${what} "${name}" must consist of letters, digits and _ (not starting with a digit)`,
    );
  }
}

/** Checks `<column> <op> <value>` (a filter or a counting stats line) and normalises spacing. */
export function parseCondition(field: string, text: string): string {
  checkLineValue(field, text);
  const match = CONDITION.exec(text.trim());
  if (!match) {
    throw new LqlSyntaxError(
      field,
      `"${text}" must be <column> <operator> <value> with an operator among ${FILTER_OPERATORS.join(' ')}`,
    );
  }
  const [, column, op, value] = match;
  return value === undefined || value === '' ? `${column} ${op}` : `${column} ${op} ${value}`;
}

/** Checks a stats line: `<function> <column>` or a counting `<column> <op> <value>`. */
export function parseStats(field: string, text: string): string {
  checkLineValue(field, text);
  const aggregate = AGGREGATE.exec(text.trim());
  if (aggregate) return `${aggregate[1]} ${aggregate[2]}`;
  try {
    return parseCondition(field, text);
  } catch {
    throw new LqlSyntaxError(
      field,
      `"${text}" must be <function> <column> (${STATS_FUNCTIONS.join(', ')}) or <column> <operator> <value>`,
    );
  }
}

/** Builds a GET query from checked parts; conditions are ANDed. */
export function buildQuery(query: StructuredQuery): LqlQuery {
  checkLineValue('table', query.table);
  checkIdentifier('table', query.table, 'table');
  const columns = query.columns ?? [];
  columns.forEach((column) => {
    checkLineValue('columns', column);
    checkIdentifier('columns', column, 'column');
  });
  const lines = [`GET ${query.table}`];
  if (columns.length > 0) lines.push(`Columns: ${columns.join(' ')}`);
  for (const filter of query.filters ?? [])
    lines.push(`Filter: ${parseCondition('filter', filter)}`);
  const stats = (query.stats ?? []).map((s) => parseStats('stats', s));
  for (const s of stats) lines.push(`Stats: ${s}`);
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 0) {
      throw new LqlSyntaxError('limit', 'must be a whole number of 0 or more');
    }
    lines.push(`Limit: ${query.limit}`);
  }
  const named = columns.length > 0 || stats.length > 0;
  return {
    table: query.table,
    text: lines.join('\n'),
    columns: named ? [...columns, ...stats] : null,
    headerRow: !named,
  };
}

/** `q` of the compatible endpoint may spell new lines as the two characters `\n`. */
export function unescapeLegacyQuery(q: string): string {
  return q.replace(/\\n/g, '\n');
}

/**
 * How `Stats:` columns are named: `combined` joins those a `StatsAnd`/`StatsOr` combines
 * (`state = 0 or state = 1`) and prefixes a `StatsNegate`d one with `not `; `legacy` names each
 * column by the text of its own `Stats:` line, as livestatus-service did, so a combined column
 * keeps the name of the first line it combines.
 */
export type StatsNames = 'combined' | 'legacy';

/**
 * Checks a query written by a caller: exactly one GET request, no COMMAND, no second request
 * after an empty line, none of the client's own headers. Names the answer's columns.
 */
export function parseRawQuery(
  text: string,
  field = 'query',
  statsNames: StatsNames = 'combined',
): LqlQuery {
  const normalised = text.replace(/\r\n/g, '\n');
  if (/[\r\0]/.test(normalised)) {
    throw new LqlSyntaxError(field, 'must not contain CR (other than in CR LF) or NUL');
  }
  const body = normalised.replace(/^\n+/, '').replace(/\n+$/, '');
  if (body === '') throw new LqlSyntaxError(field, 'is empty');
  if (body.includes('\n\n')) {
    throw new LqlSyntaxError(
      field,
      'holds more than one request: an empty line ends a request, nothing may follow it',
    );
  }
  const [first, ...headers] = body.split('\n');
  if (/^\s*COMMAND\b/i.test(first)) {
    throw new LqlSyntaxError(field, 'COMMAND is not allowed here: only GET queries');
  }
  const request = /^GET[ \t]+(\S+)[ \t]*$/.exec(first);
  if (!request) throw new LqlSyntaxError(field, `must start with GET <table> (got "${first}")`);
  const table = request[1];
  checkIdentifier(field, table, 'table');

  let columns: string[] | null = null;
  let stats: string[] = [];
  const statsLines: string[] = [];
  let columnHeaders = false;
  headers.forEach((line, index) => {
    const header = /^([A-Za-z][A-Za-z0-9]*):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!header) {
      throw new LqlSyntaxError(field, `line ${index + 2} is not a header line (Name: value)`);
    }
    const [, name, value] = header;
    const reserved = RESERVED_HEADERS.find((r) => r.toLowerCase() === name.toLowerCase());
    if (reserved) {
      throw new LqlSyntaxError(field, `must not set ${reserved}: vigil sets it itself`);
    }
    if (name === 'Columns') {
      columns = value.split(/[ \t]+/).filter(Boolean);
      columns.forEach((c) => checkIdentifier(field, c, 'column'));
    } else if (name === 'Stats') {
      stats.push(value);
      statsLines.push(value);
    } else if (name === 'StatsAnd' || name === 'StatsOr') {
      const n = Math.min(Math.max(Number.parseInt(value, 10) || 0, 0), stats.length);
      if (n > 0) {
        const joined = stats.slice(stats.length - n).join(name === 'StatsAnd' ? ' and ' : ' or ');
        stats = [...stats.slice(0, stats.length - n), joined];
      }
    } else if (name === 'StatsNegate' && stats.length > 0) {
      stats[stats.length - 1] = `not ${stats[stats.length - 1]}`;
    } else if (name === 'ColumnHeaders') {
      columnHeaders = value.toLowerCase() === 'on';
    }
  });
  const named: string[] | null = columns ?? (stats.length > 0 ? [] : null);
  const statsColumns = statsNames === 'legacy' ? statsLines.slice(0, stats.length) : stats;
  const names = named ? [...named, ...statsColumns] : null;
  return {
    table,
    text: [first.trim(), ...headers].join('\n'),
    columns: names,
    headerRow: names === null || columnHeaders,
    field,
  };
}
