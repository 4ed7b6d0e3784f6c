/**
 * An LQL filter as an Icinga 2 filter expression. The expression holds only column expressions
 * from the column map, operators and the variable names `v0`, `v1`...: every value a caller
 * wrote travels in `filter_vars`, so no value can change what the expression means.
 */
import { LqlSyntaxError } from '../lql/lql';
import {
  checkListOperator,
  conditionMatches,
  type FilterCondition,
  type FilterNode,
  numericOperand,
} from '../lql/lql-filter';
import { apiColumn, apiTable, type ApiColumn, type ApiTable, columnExpression } from './columns';

export interface IcingaFilter {
  filter: string;
  filterVars: Record<string, unknown>;
}

/**
 * The Icinga filter for an LQL filter on a table, or null when there is no filter. Throws an
 * LqlSyntaxError naming a column without API equivalent or an operand of the wrong kind.
 */
export function toIcingaFilter(
  table: string,
  node: FilterNode | null,
  field = 'filter',
): IcingaFilter | null {
  if (!node) return null;
  const spec = apiTable(table);
  if (!spec.objectType) {
    throw new LqlSyntaxError(field, `table ${table} is filtered by vigil, not by Icinga`);
  }
  const translator = new Translator(table, spec, field);
  return { filter: translator.node(node), filterVars: translator.vars };
}

class Translator {
  readonly vars: Record<string, unknown> = {};
  private count = 0;

  constructor(
    private readonly table: string,
    private readonly spec: ApiTable,
    private readonly field: string,
  ) {}

  node(node: FilterNode): string {
    switch (node.kind) {
      case 'condition':
        return this.condition(node);
      case 'not':
        return `!(${this.node(node.child)})`;
      case 'and':
      case 'or':
        if (node.children.length === 0) return node.kind === 'and' ? 'true' : 'false';
        return `(${node.children.map((c) => this.node(c)).join(node.kind === 'and' ? ' && ' : ' || ')})`;
    }
  }

  /** A new variable holding `value`; its name goes into the expression. */
  private bind(value: unknown): string {
    const name = `v${this.count++}`;
    this.vars[name] = value;
    return name;
  }

  private condition(condition: FilterCondition): string {
    const column = apiColumn(this.table, condition.column, this.field);
    const base = { ...condition, negated: false };
    let expression: string;
    if (column.type === 'flag') {
      expression = this.flag(column, base);
    } else {
      expression = this.compare(columnExpression(this.spec, column), column, base);
      if (column.whenMissing !== undefined) {
        // the object has no value there (never checked): livestatus compares its default
        const present = `${this.spec.prefix}.${(column.attr ?? '').split('.')[0]}`;
        expression = conditionMatches(base, column.whenMissing)
          ? `(${present} == null || ${expression})`
          : `(${present} != null && ${expression})`;
      }
    }
    return condition.negated ? `!(${expression})` : expression;
  }

  /** A 0/1 column: which of 0 and 1 the condition takes decides the expression. */
  private flag(column: ApiColumn, condition: FilterCondition): string {
    const isSet = `(${(column.isSet ?? ((e: string) => e))(columnExpression(this.spec, column))})`;
    const one = conditionMatches(condition, 1);
    const zero = conditionMatches(condition, 0);
    if (one && zero) return 'true';
    if (one) return isSet;
    if (zero) return `!${isSet}`;
    return 'false';
  }

  private compare(expression: string, column: ApiColumn, condition: FilterCondition): string {
    const { op, value } = condition;
    if (column.type === 'list') {
      checkListOperator(condition, this.field);
      if (op === '=') return `len(${expression}) == 0`;
      const contains = `${this.bind(value)} in ${expression}`;
      return op === '>=' ? contains : `!(${contains})`;
    }
    const text = column.type === 'number' ? `string(${expression})` : expression;
    switch (op) {
      case '~':
        return `regex(${this.bind(value)}, ${text})`;
      case '~~':
        return `regex(${this.bind(`(?i)${value}`)}, ${text})`;
      case '=~':
        return `${text}.lower() == ${this.bind(value)}.lower()`;
      case '=':
        return `${expression} == ${this.operand(column, condition)}`;
      default:
        return `${expression} ${op} ${this.operand(column, condition)}`;
    }
  }

  private operand(column: ApiColumn, condition: FilterCondition): string {
    return this.bind(
      column.type === 'number' ? numericOperand(condition, this.field) : condition.value,
    );
  }
}

/**
 * The object name an exact filter names (`name = x` on hosts and groups; `host_name = h` and
 * `description = s` on services, ANDed at the top), so the object can be read by name, which
 * Icinga finds without evaluating a filter on every object. The remaining conditions still apply.
 */
export function exactName(table: string, node: FilterNode | null): string | undefined {
  if (!node) return undefined;
  const top = node.kind === 'and' ? node.children : [node];
  const equal = (column: string) =>
    top.find(
      (c): c is FilterCondition =>
        c.kind === 'condition' && c.column === column && c.op === '=' && !c.negated,
    )?.value;
  if (table === 'services') {
    const host = equal('host_name');
    const service = equal('description');
    return host !== undefined && service !== undefined ? `${host}!${service}` : undefined;
  }
  if (['hosts', 'hostgroups', 'servicegroups'].includes(table)) {
    return equal('name') ?? (table === 'hosts' ? equal('host_name') : undefined);
  }
  return undefined;
}
