import type { IcingaObject } from '../icinga-api/icinga-api-client';
import { buildQuery, LqlSyntaxError, parseRawQuery } from '../lql/lql';
import { apiRows, planApiQuery } from './api-query';

const host = (name: string, state: number, groups: string[]): IcingaObject => ({
  name,
  type: 'Host',
  attrs: { name, state, groups },
});

async function collect(rows: AsyncIterable<unknown[]>): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function* from(objects: IcingaObject[]): AsyncGenerator<IcingaObject> {
  for (const object of objects) yield await Promise.resolve(object);
}

describe('planApiQuery', () => {
  it('reads an exact name by name, asking only for the attributes it needs', () => {
    const plan = planApiQuery(
      buildQuery({ table: 'hosts', columns: ['name', 'state'], filters: ['name = web-01'] }),
    );
    expect(plan.byName).toBe('web-01');
    expect(plan.attrs.sort()).toEqual(['name', 'state']);
    expect(plan.icingaFilter).toEqual({ filter: 'host.name == v0', filterVars: { v0: 'web-01' } });
  });

  it('filters by Icinga when a service needs its host joined', () => {
    const plan = planApiQuery(
      buildQuery({
        table: 'services',
        columns: ['host_address'],
        filters: ['host_name = web-01', 'description = http'],
      }),
    );
    expect(plan.byName).toBeUndefined();
    expect(plan.joins).toEqual(['host.address']);
  });

  it('refuses a header and a column without API equivalent, naming them and the field', () => {
    const sort = () => planApiQuery(parseRawQuery('GET hosts\nColumns: name\nSort: name asc', 'q'));
    expect(sort).toThrow(LqlSyntaxError);
    expect(sort).toThrow(/^q: header Sort has no Icinga 2 API equivalent/);
    expect(() => planApiQuery(buildQuery({ table: 'hosts', columns: ['perf_data'] }))).toThrow(
      /^columns: column perf_data of table hosts has no Icinga 2 API equivalent/,
    );
    expect(() =>
      planApiQuery(buildQuery({ table: 'hosts', filters: ['long_plugin_output = x'] })),
    ).toThrow(/^filter: column long_plugin_output/);
  });
});

describe('apiRows', () => {
  const objects = [host('a', 0, ['web']), host('b', 2, ['db']), host('c', 2, ['web'])];

  it('counts Stats, combined by StatsOr and StatsNegate, grouped by Columns', async () => {
    const plan = planApiQuery(
      parseRawQuery(
        'GET hosts\nColumns: groups\nStats: state = 0\nStats: state = 2\nStatsOr: 2\nStats: state = 2\nStatsNegate:\nStats: avg state',
      ),
    );
    expect(await collect(apiRows(plan, from(objects)))).toEqual([
      [['web'], 2, 1, 1],
      [['db'], 1, 0, 2],
    ]);
  });

  it('gives one row of zeros when nothing matches and nothing is grouped', async () => {
    const plan = planApiQuery(parseRawQuery('GET hosts\nStats: state = 1\nStats: max state'));
    expect(await collect(apiRows(plan, from([])))).toEqual([[0, 0]]);
  });

  it('filters objects read by name itself, and stops at Limit', async () => {
    const byName = planApiQuery(
      parseRawQuery('GET hosts\nColumns: name\nFilter: name = b\nFilter: state = 0'),
    );
    expect(await collect(apiRows(byName, from([objects[1]])))).toEqual([]);
    const limited = planApiQuery(
      parseRawQuery('GET hosts\nColumns: name\nLimit: 2\nColumnHeaders: on'),
    );
    expect(await collect(apiRows(limited, from(objects)))).toEqual([['name'], ['a'], ['b']]);
  });
});
