import { passiveResult } from './passive-result';

describe('passiveResult', () => {
  it('makes a passing probe OK with its HTTP status, time and performance data', () => {
    expect(
      passiveResult(
        { status: 'PASS', description: 'OK', httpStatus: 200, responseTimeMs: 123.4 },
        true,
      ),
    ).toEqual({ exitStatus: 0, output: 'OK: HTTP 200 in 123 ms|time=0.123s;;;0' });
  });

  it('makes a failure CRITICAL for a service and DOWN for a host, its description the output', () => {
    const fail = {
      status: 'FAIL' as const,
      description: 'target status:503 != 200',
      responseTimeMs: 5,
    };
    expect(passiveResult(fail, true)).toEqual({
      exitStatus: 2,
      output: 'target status:503 != 200|time=0.005s;;;0',
    });
    expect(passiveResult(fail, false).exitStatus).toBe(1);
  });

  it('keeps a "|" or a line break of the description out of the performance data and the command', () => {
    const { output } = passiveResult(
      { status: 'FAIL', description: 'body mismatch: "a|b"\r\nc', responseTimeMs: null },
      true,
    );
    expect(output).toBe('body mismatch: "a/b" c');
  });

  it('says OK without an HTTP status or time when they are not known', () => {
    expect(
      passiveResult({ status: 'PASS', description: 'OK', responseTimeMs: 7 }, true).output,
    ).toBe('OK: in 7 ms|time=0.007s;;;0');
    expect(
      passiveResult({ status: 'PASS', description: 'OK', responseTimeMs: null }, false).output,
    ).toBe('OK: passed');
  });
});
