import { splitCommand } from './commands/commands';
import { downtimeFromOptions } from './commands/downtimes';
import { parseDuration, parseTime } from './duration';
import { CliError, maskUrl } from './errors';
import { table } from './output';

const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof CliError ? err.exitCode : err;
  }
  return 'no error';
};

describe('CLI helpers', () => {
  it('parses durations and refuses what is not one', () => {
    expect(['90', '90s', '30m', '2h', '1h30m', '1d'].map(parseDuration)).toEqual([
      90, 90, 1800, 7200, 5400, 86400,
    ]);
    expect(usage(() => parseDuration('soon'))).toBe(2);
    expect(usage(() => parseDuration('30x'))).toBe(2);
  });

  it('parses start times: ISO 8601, now, +offset', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseTime('+10m', now)).toBe('2026-01-01T00:10:00.000Z');
    expect(parseTime('now', now)).toBe(now.toISOString());
    expect(parseTime('2026-02-03T04:05:06+01:00', now)).toBe('2026-02-03T03:05:06.000Z');
    expect(usage(() => parseTime('tomorrowish', now))).toBe(2);
  });

  it('splits a command line, keeping ; in a free-text last argument', () => {
    expect(splitCommand('ADD_HOST_COMMENT;web-01;1;ann;a; b', 4)).toEqual({
      command: 'ADD_HOST_COMMENT',
      args: ['web-01', '1', 'ann', 'a; b'],
    });
    expect(splitCommand('[123] DISABLE_NOTIFICATIONS')).toEqual({
      command: 'DISABLE_NOTIFICATIONS',
      args: [],
    });
  });

  it('builds a downtime request and refuses ambiguous targets', () => {
    expect(
      downtimeFromOptions({ host: 'web-01', allServices: true, duration: '30m', comment: 'c' }),
    ).toMatchObject({ hostName: 'web-01', allServices: true, durationSeconds: 1800, fixed: true });
    expect(
      usage(() =>
        downtimeFromOptions({
          host: 'web-01',
          service: 'http',
          allServices: true,
          duration: '1m',
          comment: 'c',
        }),
      ),
    ).toBe(2);
    expect(usage(() => downtimeFromOptions({ duration: '1m', comment: 'c' }))).toBe(2);
  });

  it('aligns tables, numbers to the right', () => {
    expect(
      table(
        ['ID', 'Name'],
        [
          [1, 'a'],
          [10, null],
        ],
      ),
    ).toBe('ID  Name\n 1  a\n10  -');
  });

  it('masks passwords in URLs', () => {
    expect(maskUrl('mysql://u:secret@db:3306/x')).toBe('mysql://u:***@db:3306/x');
  });
});
