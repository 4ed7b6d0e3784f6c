import { LqlSyntaxError } from './lql';
import { conditionMatches, filterMatches, parseFilterHeaders, toCondition } from './lql-filter';

const hosts: Record<string, Record<string, unknown>> = {
  'web-01': { name: 'web-01', state: 0, groups: ['web'] },
  'db-02': { name: 'db-02', state: 1, groups: ['db'] },
  'edge-01': { name: 'edge-01', state: 0, groups: [] },
};

function matching(lines: string[]): string[] {
  const filter = parseFilterHeaders(lines);
  return Object.keys(hosts).filter((h) => filterMatches(filter, (c) => hosts[h][c]));
}

describe('LQL filter stack', () => {
  it('splits conditions, negated operators into their base and a negation', () => {
    expect(toCondition('filter', 'name !=~ WEB-01')).toEqual({
      kind: 'condition',
      column: 'name',
      op: '=~',
      negated: true,
      value: 'WEB-01',
    });
    expect(toCondition('filter', 'groups =')).toMatchObject({ op: '=', value: '' });
    expect(toCondition('filter', 'plugin_output = a  b ')).toMatchObject({ value: 'a  b' });
  });

  it('combines the stack with And, Or and Negate, and ANDs what is left', () => {
    expect(parseFilterHeaders(['Columns: name', 'Limit: 2'])).toBeNull();
    expect(matching(['Filter: state = 0', 'Filter: groups >= web'])).toEqual(['web-01']);
    expect(matching(['Filter: state = 1', 'Filter: groups >= web', 'Or: 2'])).toEqual([
      'web-01',
      'db-02',
    ]);
    expect(matching(['Filter: groups =', 'Negate:'])).toEqual(['web-01', 'db-02']);
    expect(matching(['Filter: name ~ ^web', 'Filter: name ~~ DB', 'Or: 2', 'Negate:'])).toEqual([
      'edge-01',
    ]);
    expect(matching(['And: 0'])).toHaveLength(3);
    expect(matching(['Or: 0'])).toEqual([]);
  });

  it('refuses a stack that does not add up', () => {
    expect(() => parseFilterHeaders(['Filter: state = 0', 'And: 2'])).toThrow(LqlSyntaxError);
    expect(() => parseFilterHeaders(['Negate:'])).toThrow(/Negate: needs a filter/);
    expect(() => parseFilterHeaders(['Or: x'])).toThrow(/needs a number/);
    expect(() => parseFilterHeaders(['Filter: state ?? 1'])).toThrow(LqlSyntaxError);
  });

  it('compares as livestatus: numbers as numbers, lists by membership, bad regexes match nothing', () => {
    expect(conditionMatches(toCondition('f', 'state >= 1'), 2)).toBe(true);
    expect(conditionMatches(toCondition('f', 'state < 10'), 9)).toBe(true);
    expect(conditionMatches(toCondition('f', 'name < b'), 'a')).toBe(true);
    expect(conditionMatches(toCondition('f', 'fixed = 1'), true)).toBe(true);
    expect(conditionMatches(toCondition('f', 'name =~ WEB-01'), 'web-01')).toBe(true);
    expect(conditionMatches(toCondition('f', 'name ~ ('), 'web-01')).toBe(false);
    expect(conditionMatches(toCondition('f', 'name !~ ('), 'web-01')).toBe(true);
    expect(conditionMatches(toCondition('f', 'groups < web'), ['db'])).toBe(true);
    expect(() => conditionMatches(toCondition('f', 'groups ~ web'), ['web'])).toThrow(/is a list/);
    expect(() => conditionMatches(toCondition('f', 'state = up'), 0)).toThrow(/is a number/);
  });
});
