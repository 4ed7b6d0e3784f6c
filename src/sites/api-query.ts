/**
 * An LQL GET query answered from the Icinga 2 REST API: the headers read into a plan (which
 * objects to ask for, with which attributes and filter), the objects turned into livestatus rows,
 * and `Stats` counted by vigil over them. Plain TypeScript, no Nest.
 */
import {
  apiColumn,
  apiTable,
  attributesFor,
  columnValue,
  type ApiTable,
} from '../icinga-api/columns';
import { exactName, toIcingaFilter, type IcingaFilter } from '../icinga-api/filter';
import type { IcingaObject } from '../icinga-api/icinga-api-client';
import { LqlSyntaxError, STATS_FUNCTIONS, type LqlQuery } from '../lql/lql';
import { filterMatches, parseFilterHeaders, toCondition, type FilterNode } from '../lql/lql-filter';

type StatsFunction = (typeof STATS_FUNCTIONS)[number];

/** One `Stats` column: a count of rows matching a filter, or a function of a column. */
type Stat =
  { kind: 'count'; node: FilterNode } | { kind: 'aggregate'; fn: StatsFunction; column: string };

/** The headers an API site reads; any other is refused naming it. */
const SUPPORTED_HEADERS = new Set([
  'Columns',
  'Filter',
  'And',
  'Or',
  'Negate',
  'Stats',
  'StatsAnd',
  'StatsOr',
  'StatsNegate',
  'Limit',
  'ColumnHeaders',
]);

export interface ApiPlan {
  table: string;
  spec: ApiTable;
  /** The row columns, or with Stats the columns grouped by. */
  columns: string[];
  stats: Stat[] | null;
  filter: FilterNode | null;
  /** The filter as Icinga evaluates it (null for the status table: vigil filters it). */
  icingaFilter: IcingaFilter | null;
  /** The object to read by name instead of filtering every object. */
  byName?: string;
  /** What to ask for: the attributes and joins of every column read. */
  attrs: string[];
  joins: string[];
  limit?: number;
  headerRow: boolean;
}

/**
 * The plan for a query, or an LqlSyntaxError naming a header or column without API equivalent.
 * Errors name `field`, or for a structured query the parameter the part came from.
 */
export function planApiQuery(query: LqlQuery): ApiPlan {
  const raw = query.field;
  const field = (part: string) => raw ?? part;
  const spec = apiTable(query.table);
  const [, ...headers] = query.text.split('\n');
  let columns: string[] | null = null;
  let stats: Stat[] = [];
  let limit: number | undefined;
  let columnHeaders = false;
  for (const line of headers) {
    const header = /^([A-Za-z][A-Za-z0-9]*):[ \t]*(.*?)[ \t]*$/.exec(line);
    const name = header?.[1] ?? line;
    const value = header?.[2] ?? '';
    if (!header || !SUPPORTED_HEADERS.has(name)) {
      throw new LqlSyntaxError(
        field('query'),
        `header ${name} has no Icinga 2 API equivalent (an API site reads ${[...SUPPORTED_HEADERS].join(', ')})`,
      );
    }
    if (name === 'Columns') columns = value.split(/[ \t]+/).filter(Boolean);
    else if (name === 'Stats') stats.push(parseStat(field('stats'), value));
    else if (name === 'StatsAnd' || name === 'StatsOr')
      stats = combineStats(stats, name, value, field('stats'));
    else if (name === 'StatsNegate') stats = negateStat(stats, field('stats'));
    else if (name === 'Limit') limit = Number(value);
    else if (name === 'ColumnHeaders') columnHeaders = value.toLowerCase() === 'on';
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new LqlSyntaxError(field('limit'), 'Limit must be a whole number of 0 or more');
  }
  const filter = parseFilterHeaders(headers, field('filter'));
  const named = columns ?? (stats.length > 0 ? [] : Object.keys(spec.columns));
  const read = new Set(named);
  for (const stat of stats) {
    if (stat.kind === 'aggregate') read.add(stat.column);
    else for (const column of columnsOf(stat.node)) read.add(column);
  }
  // every column is checked, also those only filtered on
  for (const column of columnsOf(filter)) apiColumn(query.table, column, field('filter'));
  const needed = [...read];
  needed.forEach((c) => apiColumn(query.table, c, field(named.includes(c) ? 'columns' : 'stats')));
  const icingaFilter = spec.objectType
    ? toIcingaFilter(query.table, filter, field('filter'))
    : null;
  const byName = spec.objectType ? exactName(query.table, filter) : undefined;
  const wanted = attributesFor(query.table, [...needed, ...columnsOf(filter)]);
  // an object read by name comes without joins: then the filter is evaluated by Icinga
  const direct = byName !== undefined && wanted.joins.length === 0;
  const attributes = direct ? wanted : attributesFor(query.table, needed);
  return {
    table: query.table,
    spec,
    columns: named,
    stats: stats.length > 0 ? stats : null,
    filter,
    icingaFilter,
    byName: direct ? byName : undefined,
    attrs: attributes.attrs,
    joins: attributes.joins,
    limit,
    headerRow: columns === null && stats.length === 0 ? true : columnHeaders,
  };
}

function parseStat(field: string, text: string): Stat {
  const aggregate = /^([a-z]+)[ \t]+([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  if (aggregate && (STATS_FUNCTIONS as readonly string[]).includes(aggregate[1])) {
    return { kind: 'aggregate', fn: aggregate[1] as StatsFunction, column: aggregate[2] };
  }
  return { kind: 'count', node: toCondition(field, text) };
}

function combineStats(stats: Stat[], name: string, value: string, field: string): Stat[] {
  const n = Math.min(Math.max(Number.parseInt(value, 10) || 0, 0), stats.length);
  if (n === 0) return stats;
  const children = stats.slice(stats.length - n).map((stat) => {
    if (stat.kind !== 'count') {
      throw new LqlSyntaxError(field, `${name} combines counting Stats lines only, not ${stat.fn}`);
    }
    return stat.node;
  });
  const kind = name === 'StatsAnd' ? 'and' : 'or';
  return [...stats.slice(0, stats.length - n), { kind: 'count', node: { kind, children } }];
}

function negateStat(stats: Stat[], field: string): Stat[] {
  const top = stats.at(-1);
  if (!top) return stats;
  if (top.kind !== 'count')
    throw new LqlSyntaxError(field, 'StatsNegate negates a counting Stats line only');
  return [...stats.slice(0, -1), { kind: 'count', node: { kind: 'not', child: top.node } }];
}

function columnsOf(node: FilterNode | null): string[] {
  if (!node) return [];
  if (node.kind === 'condition') return [node.column];
  if (node.kind === 'not') return columnsOf(node.child);
  return node.children.flatMap(columnsOf);
}

/** The value reader of an object's columns, each converted once. */
function reader(plan: ApiPlan, object: IcingaObject): (column: string) => unknown {
  const values = new Map<string, unknown>();
  return (column) => {
    if (!values.has(column)) values.set(column, columnValue(apiColumn(plan.table, column), object));
    return values.get(column);
  };
}

/**
 * The answer's rows (livestatus values), the header row first when the plan has one. Objects
 * read by name are filtered here; others come filtered by Icinga.
 */
export async function* apiRows(
  plan: ApiPlan,
  objects: AsyncIterable<IcingaObject>,
): AsyncGenerator<unknown[]> {
  const stats = plan.stats;
  if (plan.headerRow) yield stats ? [...plan.columns, ...stats.map(statName)] : plan.columns;
  const filteredHere = plan.icingaFilter === null || plan.byName !== undefined;
  const limit = plan.limit ?? Infinity;
  if (!stats) {
    if (limit === 0) return;
    // the columns are looked up once, not for every object
    const specs = plan.columns.map((name) => apiColumn(plan.table, name));
    let count = 0;
    for await (const object of objects) {
      if (filteredHere && !filterMatches(plan.filter, reader(plan, object))) continue;
      yield specs.map((spec) => columnValue(spec, object));
      if (++count >= limit) return;
    }
    return;
  }
  const groups = new Map<string, { key: unknown[]; accumulators: Accumulator[] }>();
  for await (const object of objects) {
    const column = reader(plan, object);
    if (filteredHere && !filterMatches(plan.filter, column)) continue;
    const key = plan.columns.map(column);
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, accumulators: stats.map(() => new Accumulator()) };
      groups.set(id, group);
    }
    stats.forEach((stat, i) => {
      if (stat.kind === 'count') {
        if (filterMatches(stat.node, column)) group.accumulators[i].count++;
      } else {
        group.accumulators[i].add(column(stat.column));
      }
    });
  }
  // livestatus: no rows and no grouping gives one row of zeros
  if (groups.size === 0 && plan.columns.length === 0) {
    groups.set('[]', { key: [], accumulators: stats.map(() => new Accumulator()) });
  }
  let count = 0;
  for (const { key, accumulators } of groups.values()) {
    if (count++ >= limit) return;
    yield [...key, ...accumulators.map((a, i) => a.result(stats[i]))];
  }
}

function statName(stat: Stat): string {
  return stat.kind === 'aggregate' ? `${stat.fn} ${stat.column}` : 'stats';
}

class Accumulator {
  count = 0;
  private n = 0;
  private sum = 0;
  private squares = 0;
  private inverse = 0;
  private min = Infinity;
  private max = -Infinity;

  add(value: unknown): void {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) return;
    this.n++;
    this.sum += number;
    this.squares += number * number;
    if (number !== 0) this.inverse += 1 / number;
    this.min = Math.min(this.min, number);
    this.max = Math.max(this.max, number);
  }

  result(stat: Stat): number {
    if (stat.kind === 'count') return this.count;
    if (this.n === 0) return 0;
    switch (stat.fn) {
      case 'sum':
        return this.sum;
      case 'min':
        return this.min;
      case 'max':
        return this.max;
      case 'avg':
        return this.sum / this.n;
      case 'std':
        return Math.sqrt(Math.max(0, this.squares / this.n - (this.sum / this.n) ** 2));
      case 'suminv':
        return this.inverse;
      case 'avginv':
        return this.inverse / this.n;
    }
  }
}
