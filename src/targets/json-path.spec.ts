import { JsonPathError, parseJsonPath, readJsonPath } from './json-path';

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['status', ['status']],
    ['$.status', ['status']],
    ['$.checks.0.state', ['checks', '0', 'state']],
    ['x-y.ok', ['x-y', 'ok']],
    ['a b.c', ['a b', 'c']],
  ])('reads %s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(['', '$.', '$..a', 'a..b', '.a', 'a.', '$a', '$$.a', ' a', 'a. b'])(
    'refuses %j',
    (path) => {
      expect(() => parseJsonPath(path)).toThrow(JsonPathError);
    },
  );
});

describe('readJsonPath', () => {
  const doc = { status: 'ok', checks: [{ state: 0 }, { state: null }], 'x-y': { ok: true } };

  it('finds members and elements', () => {
    expect(readJsonPath(doc, parseJsonPath('$.checks.0.state'))).toBe(0);
    expect(readJsonPath(doc, parseJsonPath('checks.1.state'))).toBeNull();
    expect(readJsonPath(doc, parseJsonPath('x-y.ok'))).toBe(true);
    expect(readJsonPath(doc, parseJsonPath('$'))).toBe(doc);
  });

  it('answers undefined for what is not there, including inherited members', () => {
    expect(readJsonPath(doc, parseJsonPath('$.missing.deeper'))).toBeUndefined();
    expect(readJsonPath(doc, parseJsonPath('checks.5'))).toBeUndefined();
    expect(readJsonPath(doc, parseJsonPath('status.0'))).toBeUndefined();
    expect(readJsonPath(doc, parseJsonPath('checks.length'))).toBeUndefined();
    expect(readJsonPath(doc, parseJsonPath('constructor'))).toBeUndefined();
  });
});
