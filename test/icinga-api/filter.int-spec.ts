import { type IcingaApiClient } from '../../src/icinga-api/icinga-api-client';
import { API_TABLES, apiTable, attributesFor, rowOf } from '../../src/icinga-api/columns';
import { toIcingaFilter } from '../../src/icinga-api/filter';
import { parseFilterHeaders } from '../../src/lql/lql-filter';
import { FILTER_INJECTIONS } from '../support/filter-injections';
import { describeWithIcinga } from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';

const KEYS: Record<string, string[]> = {
  hosts: ['name'],
  services: ['host_name', 'description'],
  hostgroups: ['name'],
  servicegroups: ['name'],
  downtimes: ['id'],
  comments: ['id'],
};

/** Columns whose value moves with every check (1 s here): left out of row comparisons. */
const MOVING = [
  'last_check',
  'next_check',
  'current_attempt',
  'last_state_change',
  'last_hard_state_change',
];

describeWithIcinga('LQL filters on the Icinga 2 API, compared with livestatus', () => {
  let instance: IcingaApiInstance;
  let client: IcingaApiClient;

  beforeAll(async () => {
    instance = await startIcingaApi();
    client = instance.client();
    const now = Math.floor(Date.now() / 1000);
    /** Runs an action on one host, or on one of its services. */
    const on = (action: string, object: string, params: Record<string, unknown>) => {
      const [hn, sn] = object.split('!');
      return client.action(action, {
        type: sn === undefined ? 'Host' : 'Service',
        filter: sn === undefined ? 'host.name == hn' : 'host.name == hn && service.name == sn',
        filter_vars: { hn, sn },
        ...params,
      });
    };
    const by = (author: string, comment: string) => ({ author, comment });
    await on('schedule-downtime', 'web-02', {
      ...by('ann', 'rollout "v2"; ünïcode'),
      start_time: now,
      end_time: now + 3600,
      fixed: true,
      all_services: true,
    });
    await on('add-comment', 'db-01!disk', by('bob', 'disk replaced'));
    await on('add-comment', 'edge-01', by('ann', 'edge router swap'));
    await on('acknowledge-problem', 'db-02!disk', by('bob', 'on it'));
    await client.modify('hosts', 'edge-01', { enable_notifications: false });
  });
  afterAll(async () => {
    await instance?.stop();
  });

  async function live(table: string, columns: string[], lines: string[]): Promise<unknown[][]> {
    const answer = await instance.icinga.raw(
      [`GET ${table}`, `Columns: ${columns.join(' ')}`, ...lines].join('\n'),
    );
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.body) as unknown[][]).sort(byJson);
  }

  async function api(table: string, columns: string[], lines: string[]): Promise<unknown[][]> {
    const type = apiTable(table).objectType as string;
    const filter = toIcingaFilter(table, parseFilterHeaders(lines));
    const rows: unknown[][] = [];
    for await (const object of client.objects(type, {
      ...attributesFor(table, columns),
      ...filter,
    })) {
      rows.push(rowOf(table, columns, object));
    }
    return rows.sort(byJson);
  }

  const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

  const FILTERS: [string, string[]][] = [
    ['hosts', ['Filter: name = web-01']],
    ['hosts', ['Filter: name != web-01']],
    ['hosts', ['Filter: name ~ ^web']],
    ['hosts', ['Filter: name ~~ ^WEB|DB-0[2]$']],
    ['hosts', ['Filter: name =~ EDGE-01']],
    ['hosts', ['Filter: groups >= db']],
    ['hosts', ['Filter: groups < web']],
    ['hosts', ['Filter: groups =']],
    ['hosts', ['Filter: state = 1', 'Filter: address ~ ^10\\.0\\.0', 'Or: 2']],
    ['hosts', ['Filter: name > db-02', 'Filter: name <= web-01']],
    ['hosts', ['Filter: notifications_enabled = 0']],
    ['hosts', ['Filter: plugin_output ~ down', 'Negate:']],
    ['hosts', ['Filter: scheduled_downtime_depth > 0']],
    ['services', ['Filter: state >= 1', 'Filter: host_groups >= web']],
    ['services', ['Filter: has_been_checked = 0']],
    ['services', ['Filter: acknowledged = 1']],
    ['services', ['Filter: plugin_output ~~ critical', 'Filter: description = backup', 'Or: 2']],
    ['services', ['Filter: plugin_output =']],
    ['services', ['Filter: groups >= disks', 'Negate:', 'Filter: state != 0', 'And: 2']],
    ['services', ['Filter: host_address = 10.0.1.1']],
    ['services', ['Filter: scheduled_downtime_depth >= 1']],
    ['services', ['Filter: check_command = check_passive!']],
    ['services', ['Filter: is_flapping = 0', 'Filter: acknowledged != 0']],
    ['services', ['Filter: check_interval < 0.5', 'Filter: last_check > 0']],
    ['hostgroups', ['Filter: alias ~ Web']],
    ['downtimes', ['Filter: is_service = 1']],
    ['downtimes', ['Filter: author = ann', 'Filter: fixed = 1']],
    ['comments', ['Filter: comment ~ replaced']],
    ['comments', ['Filter: service_description =']],
  ];

  it.each(FILTERS)('%s with %j: the same objects as livestatus', async (table, lines) => {
    const [ours, theirs] = [
      await api(table, KEYS[table], lines),
      await live(table, KEYS[table], lines),
    ];
    expect(ours).toEqual(theirs);
  });

  it('filters return something: the comparison is not between two empty answers', async () => {
    let nonEmpty = 0;
    for (const [table, lines] of FILTERS) {
      if ((await api(table, KEYS[table], lines)).length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(FILTERS.length - 3);
  });

  it.each(Object.keys(KEYS))(
    '%s: every mapped column reads as livestatus gives it',
    async (table) => {
      const columns = [
        ...KEYS[table],
        ...Object.keys(API_TABLES[table].columns).filter((c) => !MOVING.includes(c)),
      ];
      const [ours, theirs] = [await api(table, columns, []), await live(table, columns, [])];
      expect(ours.length).toBe(theirs.length);
      const byColumn = (rows: unknown[][]) =>
        columns.map((column, i) => `${column}: ${JSON.stringify(rows.map((row) => row[i]))}`);
      expect(byColumn(ours)).toEqual(byColumn(theirs));
    },
  );

  it('the status table reads as livestatus gives it', async () => {
    const status = await client.status();
    const columns = Object.keys(API_TABLES.status.columns);
    const object = { name: 'app', type: 'IcingaApplication', attrs: status.app };
    expect([rowOf('status', columns, object)]).toEqual(await live('status', columns, []));
  });

  it.each(FILTER_INJECTIONS.filter((v) => !/[\0\n]/.test(v)))(
    'the value %j matches nothing it should not',
    async (value) => {
      for (const [table, column] of [
        ['hosts', 'name'],
        ['hosts', 'groups'],
        ['services', 'host_name'],
        ['services', 'plugin_output'],
      ]) {
        const op = column === 'groups' ? '>=' : '=';
        expect(await api(table, KEYS[table], [`Filter: ${column} ${op} ${value}`])).toEqual([]);
        // the negation matches every object, as in livestatus
        const all = await live(table, KEYS[table], []);
        expect(
          await api(table, KEYS[table], [`Filter: ${column} ${op} ${value}`, 'Negate:']),
        ).toEqual(all);
      }
    },
  );

  it('NUL and new lines in a value match nothing either', async () => {
    for (const value of ['\u0000', 'web-01\n', 'x\n|| true', '{{', '}}']) {
      const filter = toIcingaFilter('hosts', {
        kind: 'condition',
        column: 'name',
        op: '=',
        negated: false,
        value,
      });
      const found = [];
      for await (const host of client.objects('hosts', { attrs: ['name'], ...filter }))
        found.push(host);
      expect(found).toEqual([]);
    }
  });

  it('an injection value by name finds nothing', async () => {
    for (const name of [
      ...FILTER_INJECTIONS,
      '..',
      '../hosts',
      'web-01/..',
      '%2e%2e',
      'web-01?attrs=name',
    ]) {
      expect(await client.object('hosts', name, ['name'])).toBeNull();
    }
  });
});
