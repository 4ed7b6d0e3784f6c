import {
  acceptsStatus,
  expectedStatusError,
  expectedStatusText,
  expectedStatusView,
  onlyRedirects,
  statusSetOf,
} from './expected-status';

describe('expected status', () => {
  it('accepts a code, a class, and lists of both', () => {
    for (const ok of [200, 599, '2xx', '5XX', [200, 204], [200, '3xx']]) {
      expect(expectedStatusError(ok)).toBeNull();
    }
  });

  it('refuses what is not a status, a class or a short list of them', () => {
    const bad = [99, 600, 200.5, '200', '6xx', 'xx', null, [], [200, '2x'], Array(21).fill(200)];
    for (const value of bad) expect(expectedStatusError(value)).toMatch(/^expectedStatus must/);
  });

  it('stores one canonical text: sorted, without repeats or codes a class covers', () => {
    expect(expectedStatusText(200)).toBe('200');
    expect(expectedStatusText('2XX')).toBe('2xx');
    expect(expectedStatusText([204, 200, 204])).toBe('200,204');
    expect(expectedStatusText([301, '2xx', 204, 404])).toBe('2xx,301,404');
  });

  it('answers the shape given: a number, a string, or a list', () => {
    expect(expectedStatusView('200')).toBe(200);
    expect(expectedStatusView('2xx')).toBe('2xx');
    expect(expectedStatusView('200,3xx')).toEqual([200, '3xx']);
  });

  it('accepts the statuses of its codes and classes only', () => {
    const set = statusSetOf('204,3xx');
    expect([204, 301, 399].every((s) => acceptsStatus(set, s))).toBe(true);
    expect([200, 205, 400].some((s) => acceptsStatus(set, s))).toBe(false);
  });

  it('knows an expectation of redirects only', () => {
    expect(onlyRedirects('302')).toBe(true);
    expect(onlyRedirects('301,3xx')).toBe(true);
    expect(onlyRedirects('200,302')).toBe(false);
    expect(onlyRedirects('2xx')).toBe(false);
  });
});
