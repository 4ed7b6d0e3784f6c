import { buildQuery, LqlSyntaxError, parseRawQuery, unescapeLegacyQuery } from './lql';

describe('buildQuery', () => {
  it('builds a GET query with columns, ANDed filters, stats and limit', () => {
    const query = buildQuery({
      table: 'services',
      columns: ['host_name', 'state'],
      filters: ['state >= 1', 'host_name   !~   ^db'],
      stats: ['state = 2', 'sum  state'],
      limit: 10,
    });
    expect(query.text).toBe(
      [
        'GET services',
        'Columns: host_name state',
        'Filter: state >= 1',
        'Filter: host_name !~ ^db',
        'Stats: state = 2',
        'Stats: sum state',
        'Limit: 10',
      ].join('\n'),
    );
    expect(query.columns).toEqual(['host_name', 'state', 'state = 2', 'sum state']);
    expect(query.headerRow).toBe(false);
  });

  it('expects a header row when neither columns nor stats are given', () => {
    expect(buildQuery({ table: 'hosts' })).toEqual({
      table: 'hosts',
      text: 'GET hosts',
      columns: null,
      headerRow: true,
    });
  });

  it('keeps an empty filter value (livestatus compares with the empty string)', () => {
    expect(buildQuery({ table: 'hosts', filters: ['notes ='] }).text).toBe(
      'GET hosts\nFilter: notes =',
    );
  });

  it.each([
    [{ table: 'hosts\nCOMMAND x' }, 'table'],
    [{ table: 'ho$ts' }, 'table'],
    [{ table: 'hosts', columns: ['name', 'sta te'] }, 'columns'],
    [{ table: 'hosts', filters: ['name = x\nCOMMAND [1] DISABLE_NOTIFICATIONS'] }, 'filter'],
    [{ table: 'hosts', filters: ['name = x\0'] }, 'filter'],
    [{ table: 'hosts', filters: ['name == x'] }, 'filter'],
    [{ table: 'hosts', filters: ['= x'] }, 'filter'],
    [{ table: 'hosts', stats: ['median state'] }, 'stats'],
    [{ table: 'hosts', stats: ['state = 1\r'] }, 'stats'],
    [{ table: 'hosts', limit: -1 }, 'limit'],
  ])('refuses %j naming %s', (query, field) => {
    expect(() => buildQuery(query)).toThrow(LqlSyntaxError);
    try {
      buildQuery(query);
    } catch (err) {
      expect((err as LqlSyntaxError).field).toBe(field);
    }
  });

  it('accepts every livestatus operator', () => {
    for (const op of ['=', '~', '=~', '~~', '<', '>', '<=', '>=', '!=', '!~', '!=~', '!~~']) {
      expect(buildQuery({ table: 'hosts', filters: [`name ${op} x`] }).text).toBe(
        `GET hosts\nFilter: name ${op} x`,
      );
    }
  });
});

describe('parseRawQuery', () => {
  it('names columns from Columns: plus one per Stats: line', () => {
    const query = parseRawQuery(
      'GET services\nColumns: host_name\nStats: state = 0\nStats: avg latency\n',
    );
    expect(query.columns).toEqual(['host_name', 'state = 0', 'avg latency']);
    expect(query.headerRow).toBe(false);
    expect(query.text).toBe(
      'GET services\nColumns: host_name\nStats: state = 0\nStats: avg latency',
    );
  });

  it('combines stats lines under StatsAnd, StatsOr and StatsNegate', () => {
    const query = parseRawQuery(
      'GET services\nStats: state = 1\nStats: state = 2\nStatsOr: 2\nStats: acknowledged = 1\nStatsNegate:',
    );
    expect(query.columns).toEqual(['state = 1 or state = 2', 'not acknowledged = 1']);
  });

  it('names stats columns by their own Stats: lines in legacy mode, as livestatus-service did', () => {
    const query = parseRawQuery(
      'GET services\nColumns: host_name\nStats: state = 1\nStats: state = 2\nStatsOr: 2\nStats: acknowledged = 1\nStatsNegate:',
      'q',
      'legacy',
    );
    // one column per answer value: the StatsOr column keeps the first line's name
    expect(query.columns).toEqual(['host_name', 'state = 1', 'state = 2']);
  });

  it('uses the header row without Columns and Stats, or with ColumnHeaders: on', () => {
    expect(parseRawQuery('GET hosts\nFilter: name = x')).toMatchObject({
      columns: null,
      headerRow: true,
    });
    expect(parseRawQuery('GET hosts\nColumns: name\nColumnHeaders: on')).toMatchObject({
      columns: ['name'],
      headerRow: true,
    });
  });

  it('accepts CR LF line ends and trailing empty lines', () => {
    expect(parseRawQuery('GET hosts\r\nColumns: name\r\n\r\n').text).toBe(
      'GET hosts\nColumns: name',
    );
  });

  it.each([
    ['COMMAND [1] DISABLE_NOTIFICATIONS', 'COMMAND'],
    ['GET hosts\n\nCOMMAND [1] DISABLE_NOTIFICATIONS', 'more than one request'],
    ['GET hosts\n\nGET services', 'more than one request'],
    ['GET hosts\nResponseHeader: off', 'ResponseHeader'],
    ['GET hosts\noutputformat: csv', 'OutputFormat'],
    ['GET hosts\nKeepAlive: on', 'KeepAlive'],
    ['GET hosts\nnot a header', 'not a header line'],
    ['GET hosts\rCOMMAND x', 'CR'],
    ['GET hosts\0', 'NUL'],
    ['PUT hosts', 'must start with GET'],
    ['GET ho$ts', 'table'],
    ['', 'empty'],
  ])('refuses %j', (text, message) => {
    expect(() => parseRawQuery(text)).toThrow(message);
  });
});

describe('unescapeLegacyQuery', () => {
  it('turns the two characters \\n into new lines', () => {
    expect(unescapeLegacyQuery('GET hosts\\nColumns: name')).toBe('GET hosts\nColumns: name');
  });
});
