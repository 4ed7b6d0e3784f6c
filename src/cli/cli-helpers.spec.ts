import { splitCommand } from './commands/commands';
import { downtimeFromOptions } from './commands/downtimes';
import { parseDuration, parseTime } from './duration';
import { CliError, maskUrl } from './errors';
import { table } from './output';
import { mapNotifier, mapTarget, parseParams, type SkypunchTarget } from './skypunch';

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

  describe('skypunch rows', () => {
    const row: SkypunchTarget = {
      id: 1,
      name: 'a',
      url: 'https://a/',
      method: 'get',
      authn: 'NONE',
      authn_parms: null,
      frequency: 10,
      timeout: 30,
      pass_result: 200,
      enabled: 1,
    };

    it('parses key=value parameters', () => {
      expect(parseParams('user=u,password=p=w, server=h:25')).toEqual({
        user: 'u',
        password: 'p=w',
        server: 'h:25',
      });
    });

    it('caps the timeout at the frequency and says so', () => {
      const mapped = mapTarget(row);
      expect(mapped).toMatchObject({
        ok: true,
        body: { method: 'GET', frequencySeconds: 10, timeoutSeconds: 10, enabled: true },
        notes: ['timeout 30 s capped at 10 s'],
      });
    });

    it('maps OPENSTACK parameters to Keystone v3 or v2.0', () => {
      const v3 = mapTarget({
        ...row,
        authn: 'OPENSTACK',
        authn_parms: 'user=u,password=p,osauthendpoint=https://k:5000/v3,tenantid=t',
      });
      expect(v3).toMatchObject({ body: { auth: { keystoneVersion: 'v3', projectId: 't' } } });
      const v2 = mapTarget({
        ...row,
        authn: 'OPENSTACK',
        authn_parms: 'user=u,password=p,osauthendpoint=https://k:5000/v2.0,tenantid=t',
      });
      expect(v2).toMatchObject({ body: { auth: { keystoneVersion: 'v2.0', tenantId: 't' } } });
    });

    it('maps SMTP notifier parameters', () => {
      expect(
        mapNotifier(
          {
            id: 1,
            name: 'n',
            type: 'SMTP',
            address: 'a@x, b@x',
            params: 'user=u,password=p,server=mail:465',
          },
          'vigil@x',
        ),
      ).toEqual({
        ok: true,
        notes: [],
        body: {
          name: 'n',
          type: 'SMTP',
          address: ['a@x', 'b@x'],
          smtp: {
            host: 'mail',
            port: 465,
            security: 'tls',
            username: 'u',
            password: 'p',
            from: 'vigil@x',
          },
        },
      });
    });
  });
});
