import { startTestApp, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { describeWithIcinga, type IcingaInstance, startTestIcinga } from '../support/icinga';
import { cliAs, json } from './run-cli';

interface Downtime {
  id: number;
  hostName: string;
  serviceDescription: string | null;
}

describeWithIcinga('the vigil CLI against a private Icinga 2', () => {
  let icinga: IcingaInstance;
  let t: TestApp;
  let viewer: ReturnType<typeof cliAs>;
  let operator: ReturnType<typeof cliAs>;

  beforeAll(async () => {
    icinga = await startTestIcinga();
    t = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}`,
      VIGIL_COMMAND_PIPE: icinga.commandPipe,
      VIGIL_DOCS_ENABLED: 'false',
    });
    viewer = cliAs(t.url, 'viewer');
    operator = cliAs(t.url, 'operator');
  });

  afterAll(async () => {
    await t?.close();
    await icinga?.stop();
  });

  it('lists the sites', async () => {
    const r = await viewer(['sites']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name\s+Address\s+Reachable\s+Latency ms\s+Version\s+Error\n/);
    expect(r.stdout).toMatch(/^local\s+unix:\S+\s+yes\s+[\d.]+\s+r?2\./m);
    const sites = json<{ name: string; reachable: boolean }[]>(await viewer(['--json', 'sites']));
    expect(sites.map((s) => [s.name, s.reachable])).toEqual([['local', true]]);
  });

  it('runs a query as a table, and with --json exactly as the API answers', async () => {
    const lql = 'GET hosts\\nColumns: name state\\nFilter: name ~ ^web';
    const table = await viewer(['query', lql]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s+/)).toEqual(['site', 'name', 'state']);
    expect(rows.map((r) => r.split(/\s+/)).sort()).toEqual([
      ['local', 'web-01', '0'],
      ['local', 'web-02', '0'],
    ]);
    const keyed = await viewer(['--json', 'query', lql, '--key', 'name', '--site', 'local']);
    expect(keyed.code).toBe(0);
    const api = await clientAs(t.url, 'viewer').POST('/api/v1/livestatus/query', {
      body: {
        query: 'GET hosts\nColumns: name state\nFilter: name ~ ^web',
        key: 'name',
        site: 'local',
        format: 'json',
      },
    });
    expect(json(keyed)).toEqual(api.data);
    const keyedTable = await viewer(['query', lql, '--key', 'name']);
    expect(keyedTable.stdout.split('\n')[0].split(/\s+/)).toEqual(['name', 'site', 'state']);
    expect(keyedTable.stdout).toMatch(/^web-01\s+local\s+0$/m);
  });

  it("exits 1 with livestatus' message for an unknown table", async () => {
    const r = await viewer(['query', 'GET nosuchtable']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^vigil: .*nosuchtable/i);
  });

  it('sends a raw command through the pipe and over livestatus', async () => {
    const r = await operator(['cmd', 'ADD_HOST_COMMENT;edge-01;1;ops;checked; all fine', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = json<{ line: string; transport: string; site: string }>(r);
    expect(sent.line).toMatch(/^\[\d+\] ADD_HOST_COMMENT;edge-01;1;ops;checked; all fine$/);
    expect(sent.site).toBe('local');
    const ls = await operator([
      'cmd',
      'ADD_HOST_COMMENT;edge-01;1;ops;over livestatus',
      '--transport',
      'livestatus',
    ]);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(/^transport\s+livestatus$/m);
    const refused = await operator(['cmd', 'SHUTDOWN_PROCESS']);
    expect(refused.code).toBe(1);
    const viewerRefused = await viewer(['cmd', 'ADD_HOST_COMMENT;edge-01;1;ops;x']);
    expect(viewerRefused.code).toBe(1);
  });

  it('adds a 30-minute downtime for a host and its services, lists it and removes it', async () => {
    const add = await operator([
      '--json',
      'downtime',
      'add',
      '--host',
      'web-01',
      '--all-services',
      '--duration',
      '30m',
      '--comment',
      'rollout 1234; via the CLI',
    ]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const created = json<{
      downtimes: (Downtime & { start: string; end: string })[];
      confirmed: boolean;
    }>(add);
    expect(created.confirmed).toBe(true);
    expect(created.downtimes.map((d) => d.serviceDescription ?? '(host)').sort()).toEqual(
      ['(host)', 'backup', 'http', 'ping'].sort(),
    );
    for (const d of created.downtimes) {
      expect(Date.parse(d.end) - Date.parse(d.start)).toBe(1800 * 1000);
    }

    const ls = await viewer(['downtime', 'ls', '--host', 'web-01']);
    expect(ls.code).toBe(0);
    const lines = ls.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual([
      'ID',
      'Host',
      'Service',
      'Start',
      'End',
      'Fixed',
      'Author',
      'Comment',
    ]);
    expect(lines).toHaveLength(5);
    expect(ls.stdout).toContain('rollout 1234; via the CLI');
    const lsJson = await viewer(['--json', 'downtime', 'ls', '--host', 'web-01']);
    const fromApi = await clientAs(t.url, 'viewer').GET('/api/v1/downtimes', {
      params: { query: { hostName: 'web-01', limit: 500, offset: 0 } },
    });
    expect(json(lsJson)).toEqual(fromApi.data);

    const ids = created.downtimes.map((d) => String(d.id));
    const rm = await operator(['downtime', 'rm', ...ids]);
    expect(rm.stderr).toBe('');
    expect(rm.code).toBe(0);
    expect(rm.stdout.match(/deleted: confirmed/g)).toHaveLength(ids.length);
    const after = json<{ total: number }>(
      await viewer(['--json', 'downtime', 'ls', '--host', 'web-01']),
    );
    expect(after.total).toBe(0);
    const again = await operator(['downtime', 'rm', ids[0]]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`downtime ${ids[0]}`);
  });

  it('schedules a downtime for a service group, starting later, in a table', async () => {
    const add = await operator([
      'downtime',
      'add',
      '--servicegroup',
      'disks',
      '--duration',
      '1h',
      '--start',
      '+10m',
      '--comment',
      'disk swap',
    ]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^2 downtime\(s\) scheduled: confirmed$/m);
    expect(add.stdout).toMatch(/^\s*\d+\s+db-01\s+disk\s/m);
    const ids = [...add.stdout.matchAll(/^\s*(\d+)\s+db-0\d/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect((await operator(['downtime', 'rm', ...ids, '--json'])).code).toBe(0);
  });

  it('acknowledges a problem and removes the acknowledgement, and submits a check result', async () => {
    const ack = await operator([
      'ack',
      'add',
      '--host',
      'db-02',
      '--service',
      'disk',
      '--comment',
      'on it',
    ]);
    expect(ack.stderr).toBe('');
    expect(ack).toMatchObject({ code: 0 });
    expect(ack.stdout).toMatch(/^acknowledged: confirmed$/m);
    const ok = await operator([
      'ack',
      'add',
      '--host',
      'db-02',
      '--service',
      'ping',
      '--comment',
      'x',
    ]);
    expect(ok.code).toBe(1);
    const rm = await operator(['--json', 'ack', 'rm', '--host', 'db-02', '--service', 'disk']);
    expect(rm.code).toBe(0);
    expect(json<{ confirmed: boolean }>(rm).confirmed).toBe(true);

    const result = await operator([
      'check-result',
      '--host',
      'db-01',
      '--service',
      'backup',
      '--status',
      'CRITICAL',
      '--output',
      'backup failed; disk full',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^check result submitted: confirmed$/m);
    const bad = await operator([
      'check-result',
      '--host',
      'db-01',
      '--status',
      'SO-SO',
      '--output',
      'x',
    ]);
    expect(bad.code).toBe(2);
  });
});
