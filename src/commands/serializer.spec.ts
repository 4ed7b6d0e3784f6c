import { COMMANDS, REFUSED_COMMANDS } from './catalog';
import { CommandRejected, serializeAny, serializeCommand, serializeLegacy } from './serializer';

const NOW = new Date('2026-11-21T10:00:00Z');
const EPOCH = NOW.getTime() / 1000;

function rejection(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof CommandRejected) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('serializeCommand', () => {
  it('writes a downtime in Icinga order with booleans as 1/0 and times as epochs', () => {
    const line = serializeCommand(
      'SCHEDULE_SVC_DOWNTIME',
      {
        host: 'web-1',
        service: 'http',
        start: '2026-11-21T10:00:00Z',
        end: EPOCH + 1800,
        fixed: true,
        triggerId: 0,
        duration: 1800,
        author: 'deploy',
        comment: 'release 4.2; rollout',
      },
      NOW,
    );
    expect(line).toBe(
      `[${EPOCH}] SCHEDULE_SVC_DOWNTIME;web-1;http;${EPOCH};${EPOCH + 1800};1;0;1800;deploy;release 4.2; rollout`,
    );
  });

  it('takes arguments as a list and commands without arguments', () => {
    expect(serializeCommand('del_host_downtime', [17], NOW)).toBe(
      `[${EPOCH}] DEL_HOST_DOWNTIME;17`,
    );
    expect(serializeCommand('ENABLE_NOTIFICATIONS', [], NOW)).toBe(
      `[${EPOCH}] ENABLE_NOTIFICATIONS`,
    );
  });

  it.each([
    ['a newline in a comment', { comment: 'ok\n[1] SHUTDOWN_PROCESS' }, 'args.comment'],
    ['a carriage return in a host', { host: 'web\r1' }, 'args.host'],
    ['a NUL in the author', { author: 'a\0b' }, 'args.author'],
    ['";" in a host name', { host: 'web-1;evil' }, 'args.host'],
    ['a missing host', { host: '' }, 'args.host'],
    ['a non-boolean sticky', { sticky: 'maybe' }, 'args.sticky'],
    ['an unknown argument', { colour: 'red' }, 'args.colour'],
  ])('refuses %s, naming the argument', (_what, change, field) => {
    const args = {
      host: 'web-1',
      service: 'http',
      sticky: true,
      notify: false,
      persistent: false,
      author: 'ops',
      comment: 'looking',
      ...change,
    };
    expect(rejection(() => serializeCommand('ACKNOWLEDGE_SVC_PROBLEM', args, NOW)).field).toBe(
      field,
    );
  });

  it('sends a sticky acknowledgement as 2, which Icinga reads as sticky, and 0 or 1 as given', () => {
    const args = (sticky: string | boolean) => ({
      host: 'web-1',
      sticky,
      notify: false,
      persistent: false,
      author: 'ops',
      comment: 'c',
    });
    const stickyField = (sticky: string | boolean) =>
      serializeCommand('ACKNOWLEDGE_HOST_PROBLEM', args(sticky), NOW).split(';')[2];
    expect([true, 'true', '2', false, '0', '1'].map(stickyField)).toEqual([
      '2',
      '2',
      '2',
      '0',
      '0',
      '1',
    ]);
  });

  it('refuses an unknown command and one that stops Icinga', () => {
    expect(rejection(() => serializeCommand('FROBNICATE', [], NOW))).toEqual({
      field: 'command',
      message: 'unknown command "FROBNICATE"',
    });
    expect(rejection(() => serializeCommand('SHUTDOWN_PROCESS', [], NOW)).field).toBe('command');
  });

  it('refuses a bad time, a negative downtime id and a non-integer return code', () => {
    expect(
      rejection(() => serializeCommand('SCHEDULE_FORCED_HOST_CHECK', ['h', 'soon'], NOW)).field,
    ).toBe('args.checkTime');
    expect(rejection(() => serializeCommand('DEL_SVC_DOWNTIME', [-3], NOW)).field).toBe(
      'args.downtimeId',
    );
    expect(
      rejection(() =>
        serializeCommand('PROCESS_SERVICE_CHECK_RESULT', ['h', 's', '2.5', 'out'], NOW),
      ).field,
    ).toBe('args.returnCode');
  });

  describe('with a limit in bytes (the command pipe: 4096)', () => {
    /** `[<epoch>] ADD_HOST_COMMENT;web-1;1;ops;` + comment + newline is this many bytes. */
    const fixed = Buffer.byteLength(`[${EPOCH}] ADD_HOST_COMMENT;web-1;1;ops;\n`);
    const comment = (bytes: number) =>
      // two-byte characters, so that counting characters instead of bytes would pass
      'ä'.repeat(Math.floor((bytes - fixed) / 2)) + ';'.repeat((bytes - fixed) % 2);
    const line = (bytes: number) =>
      serializeCommand('ADD_HOST_COMMENT', ['web-1', true, 'ops', comment(bytes)], NOW, 4096);

    it('takes a line of exactly 4096 bytes with its newline', () => {
      expect(Buffer.byteLength(`${line(4096)}\n`)).toBe(4096);
      expect(line(4096).length).toBeLessThan(2100);
    });

    it('refuses 4097 bytes, naming the longest argument and the limit', () => {
      expect(rejection(() => line(4097))).toEqual({
        field: 'args.comment',
        message: `is ${4097 - fixed} bytes long and makes a command of 4097 bytes (UTF-8, with its newline); the command pipe takes at most 4096 bytes per command (the livestatus transport has no such limit)`,
      });
    });

    it('has no limit without one', () => {
      const long = 'x'.repeat(60 * 1024);
      expect(serializeCommand('ADD_HOST_COMMENT', ['web-1', true, 'ops', long], NOW)).toMatch(
        /;x{61440}$/,
      );
    });

    it('names q for a legacy command over the limit', () => {
      const q = `ADD_HOST_COMMENT;web-1;1;ops;${'x'.repeat(60 * 1024)}`;
      const refused = rejection(() => serializeLegacy(q, NOW, 4096));
      expect(refused.field).toBe('q');
      expect(refused.message).toMatch(/at most 4096 bytes/);
      expect(serializeLegacy(q, NOW)).toMatch(/;x{61440}$/);
    });
  });

  it('lists typed arguments for every catalogue entry, with free text only last', () => {
    for (const spec of COMMANDS.values()) {
      spec.args.forEach((a, i) => {
        if (a.freeText) expect([spec.name, i]).toEqual([spec.name, spec.args.length - 1]);
      });
    }
    expect(COMMANDS.size).toBeGreaterThan(50);
  });
});

describe('serializeLegacy', () => {
  it('reads NAME;args and joins extra fields into a free-text last argument', () => {
    expect(serializeLegacy('ADD_HOST_COMMENT;web-1;1;ops;a; b; c', NOW)).toBe(
      `[${EPOCH}] ADD_HOST_COMMENT;web-1;1;ops;a; b; c`,
    );
  });

  it('refuses extra fields where the last argument is not free text, and line breaks', () => {
    expect(rejection(() => serializeLegacy('DEL_HOST_DOWNTIME;1;2', NOW)).field).toBe('q');
    expect(
      rejection(() => serializeLegacy('ENABLE_NOTIFICATIONS\nSHUTDOWN_PROCESS', NOW)).field,
    ).toBe('q');
  });
});

describe('commands outside the catalogue', () => {
  it('sends them with their arguments as given, through /cmd and the API alike', () => {
    expect(serializeLegacy('CHANGE_CUSTOM_HOST_VAR;web-1;owner;team a', NOW)).toBe(
      `[${EPOCH}] CHANGE_CUSTOM_HOST_VAR;web-1;owner;team a`,
    );
    expect(serializeLegacy('[17] ENABLE_HOST_FLAP_DETECTION;web-1', NOW)).toBe(
      `[${EPOCH}] ENABLE_HOST_FLAP_DETECTION;web-1`,
    );
    expect(serializeAny('CHANGE_NORMAL_SVC_CHECK_INTERVAL', ['web-1', 'ping', 7.5], NOW)).toBe(
      `[${EPOCH}] CHANGE_NORMAL_SVC_CHECK_INTERVAL;web-1;ping;7.5`,
    );
    expect(serializeAny('SEND_IT', ['a', true, null, 'x; y'], NOW)).toBe(
      `[${EPOCH}] SEND_IT;a;1;;x; y`,
    );
  });

  it('never sends the commands refused on purpose, in any case', () => {
    for (const name of REFUSED_COMMANDS.keys()) {
      expect(rejection(() => serializeAny(name, [], NOW))).toEqual({
        field: 'command',
        message: expect.stringContaining('is never sent') as string,
      });
      expect(rejection(() => serializeLegacy(`${name.toLowerCase()};x`, NOW)).field).toBe('q');
    }
  });

  it.each([
    ['a lower-case name', 'enable_host_flap_detection', ['h'], 'command'],
    ['a name with a space', 'ENABLE HOST', ['h'], 'command'],
    ['COMMAND as a name', 'COMMAND', ['[1] SHUTDOWN_PROCESS'], 'command'],
    ['GET as a name', 'GET', ['hosts'], 'command'],
    ['a line break in the name', 'ENABLE_X\n', [], 'command'],
    ['a line feed in an argument', 'ENABLE_X', ['h\n[1] SHUTDOWN_PROCESS'], 'args.0'],
    ['a carriage return in an argument', 'ENABLE_X', ['h\rx'], 'args.0'],
    ['a NUL in an argument', 'ENABLE_X', ['h\u0000x'], 'args.0'],
    ['a ; in an argument but the last', 'ENABLE_X', ['h;DISABLE_NOTIFICATIONS', 'y'], 'args.0'],
    ['a second command after ; in the last', 'ENABLE_X', ['h;SHUTDOWN_PROCESS'], 'args.0'],
    ['a catalogued command as argument', 'ENABLE_X', ['h', 'DISABLE_NOTIFICATIONS'], 'args.1'],
    ['an epoch prefix as argument', 'ENABLE_X', ['[1700000000] DISABLE_NOTIFICATIONS'], 'args.0'],
    ['COMMAND as argument', 'ENABLE_X', ['COMMAND [1] DISABLE_NOTIFICATIONS'], 'args.0'],
    ['GET as argument', 'ENABLE_X', ['x', 'GET hosts'], 'args.1'],
    ['arguments by name', 'ENABLE_X', { host: 'h' }, 'args'],
  ])('refuses %s', (_what, name, args, field) => {
    const list = args as Parameters<typeof serializeAny>[1];
    expect(rejection(() => serializeAny(name, list, NOW)).field).toBe(field);
  });

  it('refuses the same in /cmd, naming q and the argument by number', () => {
    expect(rejection(() => serializeLegacy('ENABLE_X;h;GET hosts', NOW))).toEqual({
      field: 'q',
      message: 'argument 2 must not start a second command ("GET hosts")',
    });
    for (const q of [
      'ENABLE_X;h;DISABLE_NOTIFICATIONS',
      'ENABLE_X;h;COMMAND [1] SHUTDOWN_PROCESS',
      'COMMAND [1] SHUTDOWN_PROCESS',
      'GET hosts',
      'ENABLE_X;h\u0000',
    ]) {
      expect(rejection(() => serializeLegacy(q, NOW)).field).toBe('q');
    }
  });

  it('holds the pipe limit for them too', () => {
    const long = 'x'.repeat(5000);
    expect(rejection(() => serializeAny('ENABLE_X', ['h', long], NOW, 4096)).field).toBe('args.1');
    expect(rejection(() => serializeLegacy(`ENABLE_X;h;${long}`, NOW, 4096)).field).toBe('q');
  });
});
