import { apiCallsFor, availableOnApi, parseLine, UNAVAILABLE_ON_API } from './api-commands';
import { COMMANDS } from './catalog';
import { CommandRejected, serializeCommand, serializeLegacy } from './serializer';

const NOW = new Date('2026-01-01T00:00:00Z');
const line = (name: string, args: Record<string, string | number | boolean>) =>
  serializeCommand(name, args, NOW);

describe('external commands as Icinga 2 API requests', () => {
  it('translates every command of the catalogue or says why it cannot', () => {
    for (const name of COMMANDS.keys()) {
      expect([name, availableOnApi(name)]).toEqual([name, !UNAVAILABLE_ON_API.has(name)]);
    }
  });

  it('schedules a service downtime naming the service as host!service', () => {
    const calls = apiCallsFor(
      line('SCHEDULE_SVC_DOWNTIME', {
        host: 'web-01',
        service: 'http',
        start: 100,
        end: 200,
        fixed: true,
        triggerId: 0,
        duration: 100,
        author: 'ops',
        comment: 'a; b',
      }),
    );
    expect(calls).toEqual([
      {
        kind: 'action',
        action: 'schedule-downtime',
        body: {
          type: 'Service',
          service: 'web-01!http',
          start_time: 100,
          end_time: 200,
          fixed: true,
          duration: 100,
          author: 'ops',
          comment: 'a; b',
        },
      },
    ]);
  });

  it('keeps a hostile group name in filter_vars, out of the filter expression', () => {
    const group = 'x" || true || "';
    const [call] = apiCallsFor(line('ENABLE_HOSTGROUP_HOST_NOTIFICATIONS', { hostgroup: group }));
    expect(call).toEqual({
      kind: 'modify-where',
      type: 'hosts',
      filter: 'vigil_group in host.groups',
      filterVars: { vigil_group: group },
      attrs: { enable_notifications: true },
    });
  });

  it('removes a host downtime by its legacy id, host downtimes only', () => {
    expect(apiCallsFor(line('DEL_HOST_DOWNTIME', { downtimeId: 7 }))).toEqual([
      {
        kind: 'action',
        action: 'remove-downtime',
        body: {
          type: 'Downtime',
          filter: 'downtime.legacy_id == vigil_id && downtime.service_name == ""',
          filter_vars: { vigil_id: 7 },
        },
      },
    ]);
  });

  it('splits output|perfdata as Icinga reads it from a command', () => {
    const [call] = apiCallsFor(
      serializeLegacy('PROCESS_SERVICE_CHECK_RESULT;h;s;2;bad; worse|a=1 b=2', NOW),
    );
    expect(call).toMatchObject({
      body: { exit_status: 2, plugin_output: 'bad; worse', performance_data: ['a=1', 'b=2'] },
    });
  });

  it('switches global notifications on the application object', () => {
    expect(apiCallsFor(line('DISABLE_NOTIFICATIONS', {}))).toEqual([
      {
        kind: 'modify',
        type: 'icingaapplications',
        name: 'app',
        attrs: { enable_notifications: false },
      },
    ]);
  });

  it('refuses commands without an API equivalent, naming the command', () => {
    const uncatalogued = serializeLegacy('ENABLE_HOST_FLAP_DETECTION;web-01', NOW);
    for (const text of [
      uncatalogued,
      line('DELAY_HOST_NOTIFICATION', { host: 'h', notificationTime: 5 }),
    ]) {
      let error: unknown;
      try {
        apiCallsFor(text);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(CommandRejected);
      expect((error as CommandRejected).field).toBe('command');
      expect((error as CommandRejected).message).toMatch(/not available on an Icinga 2 API site/);
    }
  });

  it('refuses a triggering downtime, naming the argument', () => {
    expect(() =>
      apiCallsFor(
        line('SCHEDULE_HOST_DOWNTIME', {
          host: 'h',
          start: 1,
          end: 2,
          fixed: true,
          triggerId: 3,
          duration: 1,
          author: 'a',
          comment: 'c',
        }),
      ),
    ).toThrow(expect.objectContaining({ field: 'args.triggerId' }));
  });

  it('reads the free-text last argument whole, semicolons included', () => {
    expect(parseLine('[1] ADD_HOST_COMMENT;h;1;me;a;b;c').args).toEqual({
      host: 'h',
      persistent: '1',
      author: 'me',
      comment: 'a;b;c',
    });
  });
});
