import { formatAddress, parseSites } from './site-config';

describe('parseSites', () => {
  it('reads UNIX and TCP sites separated by commas or new lines', () => {
    const problems: string[] = [];
    expect(
      parseSites(
        'local=unix:/var/run/icinga2/cmd/livestatus, dc2=tcp:127.0.0.1:6558\nv6=tcp:[::1]:6557',
        'KEY',
        problems,
      ),
    ).toEqual([
      { name: 'local', address: { type: 'unix', path: '/var/run/icinga2/cmd/livestatus' } },
      { name: 'dc2', address: { type: 'tcp', host: '127.0.0.1', port: 6558 } },
      { name: 'v6', address: { type: 'tcp', host: '::1', port: 6557 } },
    ]);
    expect(problems).toEqual([]);
  });

  it('reports every bad entry naming the key', () => {
    const problems: string[] = [];
    parseSites(
      'unix:/x,a=unix:relative,b=tcp:host,c=tcp:host:70000,d=http://x,e=unix:/a,e=unix:/b,bad name=unix:/c',
      'VIGIL_LIVESTATUS_SITES',
      problems,
    );
    expect(problems).toHaveLength(7);
    expect(problems.every((p) => p.startsWith('VIGIL_LIVESTATUS_SITES: '))).toBe(true);
    expect(problems.join('\n')).toContain('site e is defined twice');
  });

  it('needs at least one site', () => {
    const problems: string[] = [];
    parseSites(' , ', 'KEY', problems);
    expect(problems).toEqual([expect.stringContaining('at least one site')]);
  });
});

describe('formatAddress', () => {
  it('writes addresses as they are configured', () => {
    expect(formatAddress({ type: 'unix', path: '/run/ls' })).toBe('unix:/run/ls');
    expect(formatAddress({ type: 'tcp', host: '::1', port: 1 })).toBe('tcp:[::1]:1');
  });
});
