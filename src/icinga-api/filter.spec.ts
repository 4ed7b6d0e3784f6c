import { LqlSyntaxError } from '../lql/lql';
import { parseFilterHeaders } from '../lql/lql-filter';
import { attributesFor, rowOf } from './columns';
import { FILTER_INJECTIONS } from '../../test/support/filter-injections';
import { exactName, toIcingaFilter } from './filter';

function translate(table: string, ...lines: string[]) {
  return toIcingaFilter(table, parseFilterHeaders(lines));
}

describe('LQL filters as Icinga 2 filter expressions', () => {
  it('puts every value in filter_vars and only column expressions in the text', () => {
    expect(translate('hosts', 'Filter: name = web-01')).toEqual({
      filter: 'host.name == v0',
      filterVars: { v0: 'web-01' },
    });
    expect(
      translate(
        'services',
        'Filter: host_name = web-01',
        'Filter: state != 0',
        'Filter: host_address ~ ^10',
      ),
    ).toEqual({
      filter: '(service.host_name == v0 && !(service.state == v1) && regex(v2, host.address))',
      filterVars: { v0: 'web-01', v1: 0, v2: '^10' },
    });
  });

  it('keeps every injection string in filter_vars, whatever the operator', () => {
    for (const value of FILTER_INJECTIONS) {
      for (const op of ['=', '!=', '~', '~~', '=~', '!~~', '<', '>=']) {
        const result = toIcingaFilter('hosts', {
          kind: 'or',
          children: [
            {
              kind: 'condition',
              column: 'name',
              op: op.replace('!', '') as '=',
              negated: op.startsWith('!'),
              value,
            },
            { kind: 'condition', column: 'groups', op: '>=', negated: false, value },
          ],
        });
        expect(result?.filter).not.toContain(value);
        expect(result?.filter).toMatch(/^[\w.() !=<>&|,"?]+$/);
        expect(Object.values(result?.filterVars ?? {})).toContainEqual(
          expect.stringContaining(value),
        );
      }
    }
  });

  it('maps regexes to regex(), ~~ case-insensitively, =~ by lower case, lists by membership', () => {
    expect(translate('hosts', 'Filter: name ~~ WEB')).toEqual({
      filter: 'regex(v0, host.name)',
      filterVars: { v0: '(?i)WEB' },
    });
    expect(translate('hosts', 'Filter: name =~ WEB-01')?.filter).toBe(
      'host.name.lower() == v0.lower()',
    );
    expect(translate('hosts', 'Filter: groups >= web')?.filter).toBe('v0 in host.groups');
    expect(translate('hosts', 'Filter: groups < web')?.filter).toBe('!(v0 in host.groups)');
    expect(translate('hosts', 'Filter: groups =')?.filter).toBe('len(host.groups) == 0');
    expect(translate('hosts', 'Filter: groups !=')?.filter).toBe('!(len(host.groups) == 0)');
    expect(translate('hosts', 'Filter: state ~ 1')?.filter).toBe('regex(v0, string(host.state))');
  });

  it('decides 0/1 columns on the API attribute they come from', () => {
    expect(translate('hosts', 'Filter: acknowledged = 1')?.filter).toBe(
      '(host.acknowledgement != 0)',
    );
    expect(translate('hosts', 'Filter: acknowledged = 0')?.filter).toBe(
      '!(host.acknowledgement != 0)',
    );
    expect(translate('hosts', 'Filter: acknowledged >= 0')?.filter).toBe('true');
    expect(translate('hosts', 'Filter: acknowledged = 7')?.filter).toBe('false');
    expect(translate('services', 'Filter: has_been_checked = 0')?.filter).toBe(
      '!(service.last_check_result != null)',
    );
    expect(translate('services', 'Filter: notifications_enabled != 1')?.filter).toBe(
      '!((service.enable_notifications))',
    );
  });

  it('gives a never-checked object the empty plugin output livestatus gives', () => {
    expect(translate('services', 'Filter: plugin_output ~ OK')?.filter).toBe(
      '(service.last_check_result != null && regex(v0, service.last_check_result.output))',
    );
    expect(translate('services', 'Filter: plugin_output =')?.filter).toBe(
      '(service.last_check_result == null || service.last_check_result.output == v0)',
    );
  });

  it('combines And, Or and Negate; an empty And is true and an empty Or false', () => {
    expect(
      translate(
        'hosts',
        'Filter: state = 1',
        'Filter: name = a',
        'Filter: name = b',
        'Or: 2',
        'Negate:',
      )?.filter,
    ).toBe('(host.state == v0 && !((host.name == v1 || host.name == v2)))');
    expect(translate('hosts', 'And: 0')?.filter).toBe('true');
    expect(translate('hosts', 'Or: 0')?.filter).toBe('false');
    expect(translate('hosts')).toBeNull();
  });

  it('names a column without API equivalent, and a bad operand', () => {
    expect(() => translate('hosts', 'Filter: perf_data ~ x')).toThrow(
      new LqlSyntaxError(
        'filter',
        'column perf_data of table hosts has no Icinga 2 API equivalent',
      ),
    );
    expect(() => translate('hostgroups', 'Filter: members >= web-01')).toThrow(/members/);
    expect(() => translate('logs', 'Filter: x = 1')).toThrow(/table logs/);
    expect(() => translate('hosts', 'Filter: state > high')).toThrow(/state is a number/);
    expect(() => translate('hosts', 'Filter: groups ~ web')).toThrow(/groups is a list/);
    expect(() => translate('status', 'Filter: nagios_pid > 0')).toThrow(/filtered by vigil/);
    expect(() => attributesFor('services', ['description', 'contacts'])).toThrow(/contacts/);
  });

  it('finds the object an exact filter names', () => {
    const node = (...lines: string[]) => parseFilterHeaders(lines);
    expect(exactName('hosts', node('Filter: name = web-01'))).toBe('web-01');
    expect(exactName('hosts', node('Filter: name = web-01', 'Filter: state = 0'))).toBe('web-01');
    expect(
      exactName('hosts', node('Filter: name = a', 'Filter: name = b', 'Or: 2')),
    ).toBeUndefined();
    expect(exactName('hosts', node('Filter: name != a'))).toBeUndefined();
    expect(
      exactName('services', node('Filter: host_name = web-01', 'Filter: description = http')),
    ).toBe('web-01!http');
    expect(exactName('services', node('Filter: host_name = web-01'))).toBeUndefined();
  });
});

describe('API objects as livestatus rows', () => {
  it('converts attributes to the values livestatus gives', () => {
    const service = {
      name: 'web-01!http',
      type: 'Service',
      attrs: {
        name: 'http',
        host_name: 'web-01',
        state: 1,
        last_check: 1700000000.75,
        last_check_result: null,
        acknowledgement: 2,
        enable_notifications: true,
        groups: null,
      },
      joins: { host: { address: '10.0.0.1' } },
    };
    const columns = [
      'host_name',
      'description',
      'state',
      'last_check',
      'plugin_output',
      'has_been_checked',
      'acknowledged',
      'notifications_enabled',
      'groups',
      'host_address',
    ];
    expect(rowOf('services', columns, service)).toEqual([
      'web-01',
      'http',
      1,
      1700000000,
      '',
      0,
      true,
      1,
      [],
      '10.0.0.1',
    ]);
    expect(attributesFor('services', columns)).toEqual({
      attrs: [
        'host_name',
        'name',
        'state',
        'last_check',
        'last_check_result',
        'acknowledgement',
        'enable_notifications',
        'groups',
      ],
      joins: ['host.address'],
    });
  });
});
