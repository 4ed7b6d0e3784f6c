import { LqlError } from './lql-client';
import { failureOf, failuresProblem, statusOf } from './site-errors';

const error = (kind: LqlError['kind'], status?: number) =>
  new LqlError(kind, 'local', 'unix:/x', 'message', status);

describe('statusOf', () => {
  it.each([
    [error('unavailable'), 503],
    [error('busy'), 503],
    [error('timeout'), 504],
    [error('protocol'), 502],
    [error('too-large'), 413],
    [error('status', 404), 404],
    [error('status', 400), 400],
    [error('status', 451), 400],
    [error('status', 452), 400],
    [error('status', 413), 413],
    [error('status', 500), 502],
  ])('maps %o to %i', (err, status) => {
    expect(statusOf(err)).toBe(status);
  });
});

describe('failuresProblem', () => {
  it('answers the first failure status with every site in the detail', () => {
    const problem = failuresProblem([
      failureOf('a', 'unix:/a', new LqlError('timeout', 'a', 'unix:/a', 'slow')),
      failureOf('b', 'unix:/b', new LqlError('unavailable', 'b', 'unix:/b', 'gone')),
    ]);
    expect(problem.getStatus()).toBe(504);
    expect(problem.message).toBe('site a: slow; site b: gone');
  });

  it('asks to retry when a site was too busy', () => {
    const problem = failuresProblem([failureOf('a', 'unix:/a', error('busy'))]);
    expect(problem.problem.headers).toEqual({ 'Retry-After': '1' });
  });

  it('rethrows errors that are not about livestatus', () => {
    expect(() => failureOf('a', 'unix:/a', new TypeError('bug'))).toThrow(TypeError);
  });
});
