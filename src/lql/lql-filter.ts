/**
 * The filter of an LQL query as a tree: `Filter:` conditions combined by `And: n`, `Or: n` and
 * `Negate:` the way livestatus combines its filter stack, and a livestatus-faithful evaluation
 * of a condition on a value (for sites that answer without livestatus, and for Stats counted by
 * vigil). Plain TypeScript, no Nest.
 */
import RE2 from 're2';
import { FILTER_OPERATORS, LqlSyntaxError, parseCondition } from './lql';

export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** An operator without its negation: `!=` is `=` negated, `!~~` is `~~` negated. */
export type BaseOperator = '=' | '~' | '=~' | '~~' | '<' | '>' | '<=' | '>=';

export interface FilterCondition {
  kind: 'condition';
  column: string;
  op: BaseOperator;
  negated: boolean;
  /** The operand as written (livestatus converts it by the column's type). */
  value: string;
}

export type FilterNode =
  | FilterCondition
  | { kind: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'not'; child: FilterNode };

/** Splits a checked condition text (`<column> <op> <value>`) into a condition. */
export function toCondition(field: string, text: string): FilterCondition {
  const normalised = parseCondition(field, text);
  const [column, op] = normalised.split(' ', 2);
  const value = normalised.slice(column.length + op.length + 2);
  const negated = op.startsWith('!');
  const base = (negated ? (op === '!=' ? '=' : op.slice(1)) : op) as BaseOperator;
  return { kind: 'condition', column, op: base, negated, value };
}

/**
 * The filter of a query's header lines (`Filter:`, `And:`, `Or:`, `Negate:`; other headers are
 * left alone), or null when there is none. What is left on the stack is ANDed, as livestatus does.
 */
export function parseFilterHeaders(lines: string[], field = 'query'): FilterNode | null {
  const stack: FilterNode[] = [];
  for (const line of lines) {
    const header = /^(Filter|And|Or|Negate):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!header) continue;
    const [, name, value] = header;
    if (name === 'Filter') {
      stack.push(toCondition(field, value));
    } else if (name === 'Negate') {
      const top = stack.pop();
      if (!top) throw new LqlSyntaxError(field, 'Negate: needs a filter before it');
      stack.push({ kind: 'not', child: top });
    } else {
      if (!/^\d+$/.test(value)) {
        throw new LqlSyntaxError(field, `${name}: needs a number of filters (got "${value}")`);
      }
      const n = Number(value);
      if (n > stack.length) {
        throw new LqlSyntaxError(
          field,
          `${name}: ${n} combines more filters than the ${stack.length} before it`,
        );
      }
      const children = stack.splice(stack.length - n, n);
      stack.push({ kind: name === 'And' ? 'and' : 'or', children });
    }
  }
  if (stack.length === 0) return null;
  return stack.length === 1 ? stack[0] : { kind: 'and', children: stack };
}

/** Every condition of a filter, in order. */
export function conditionsOf(node: FilterNode | null): FilterCondition[] {
  if (!node) return [];
  if (node.kind === 'condition') return [node];
  if (node.kind === 'not') return conditionsOf(node.child);
  return node.children.flatMap(conditionsOf);
}

/** The operand as a number, as livestatus reads it for a numeric column. */
export function numericOperand(condition: FilterCondition, field = 'filter'): number {
  const text = condition.value.trim();
  const number = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number)) {
    throw new LqlSyntaxError(
      field,
      `column ${condition.column} is a number: "${condition.value}" is not one`,
    );
  }
  return number;
}

/** The operators a list column takes: contains (`>=`), does not contain (`<`), is empty (`=`). */
export function checkListOperator(condition: FilterCondition, field = 'filter'): void {
  if (!['>=', '<', '='].includes(condition.op)) {
    throw new LqlSyntaxError(
      field,
      `column ${condition.column} is a list: use >= (contains), < (does not contain) or = (is empty), not ${condition.op}`,
    );
  }
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function regex(condition: FilterCondition, flags: string): RE2 | null {
  try {
    return new RE2(condition.value, flags);
  } catch {
    return null; // livestatus: a pattern that does not compile matches nothing
  }
}

/** Whether a value satisfies a condition, as livestatus decides it (negation included). */
export function conditionMatches(condition: FilterCondition, value: unknown): boolean {
  const matched = baseMatches(condition, value);
  return condition.negated ? !matched : matched;
}

function baseMatches(condition: FilterCondition, value: unknown): boolean {
  const { op } = condition;
  if (Array.isArray(value)) {
    checkListOperator(condition);
    if (op === '=') return value.length === 0;
    const contains = value.some((item) => text(item) === condition.value);
    return op === '>=' ? contains : !contains;
  }
  const numeric = typeof value === 'number' || typeof value === 'boolean';
  switch (op) {
    case '=':
      return numeric
        ? Number(value) === numericOperand(condition)
        : text(value) === condition.value;
    case '=~':
      return text(value).toLowerCase() === condition.value.toLowerCase();
    case '~':
    case '~~':
      return regex(condition, op === '~~' ? 'iu' : 'u')?.test(text(value)) ?? false;
    default: {
      const [a, b] =
        typeof value === 'number'
          ? [value, numericOperand(condition)]
          : [text(value), condition.value];
      if (op === '<') return a < b;
      if (op === '>') return a > b;
      if (op === '<=') return a <= b;
      return a >= b;
    }
  }
}

/** Whether a row satisfies a filter; `column` reads a column's value of the row. */
export function filterMatches(node: FilterNode | null, column: (name: string) => unknown): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'condition':
      return conditionMatches(node, column(node.column));
    case 'not':
      return !filterMatches(node.child, column);
    case 'and':
      return node.children.every((child) => filterMatches(child, column));
    case 'or':
      return node.children.some((child) => filterMatches(child, column));
  }
}
