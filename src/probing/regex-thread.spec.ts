import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RegexThread } from './regex-thread';

/** 1 MiB of random `a` and `b`: RE2's DFA gives up on `a[ab]{200}c` here and it takes seconds. */
function randomAb(): string {
  let text = '';
  for (let i = 0; i < 1024 * 1024; i++) text += Math.random() < 0.5 ? 'a' : 'b';
  return text;
}

describe('RegexThread', () => {
  let thread: RegexThread;
  afterEach(() => thread.close());

  it('matches, misses, and names a pattern RE2 refuses', async () => {
    thread = new RegexThread();
    expect(await thread.test('build \\d+', 'build 4711')).toEqual({ kind: 'match' });
    expect(await thread.test('^down', 'up')).toEqual({ kind: 'no-match' });
    expect(await thread.test('(a)\\1', 'aa')).toEqual({
      kind: 'invalid',
      reason: 'invalid escape sequence: \\1',
    });
  });

  it('stops a match over its budget without holding up the event loop, and rests the pattern', async () => {
    thread = new RegexThread({ budgetMs: 200 });
    await thread.test('warm', 'up');
    const body = randomAb();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    expect(await thread.test('a[ab]{200}c', body)).toEqual({ kind: 'too-slow', budgetMs: 200 });
    const took = performance.now() - started;
    delay.disable();
    expect(took).toBeLessThan(1000);
    expect(delay.max / 1e6).toBeLessThan(100);

    // the next body goes to a new thread; the slow pattern is not run again for a while
    expect(await thread.test('b+', 'abba')).toEqual({ kind: 'match' });
    const again = performance.now();
    expect(await thread.test('a[ab]{200}c', 'ac')).toEqual({ kind: 'too-slow', budgetMs: 200 });
    expect(performance.now() - again).toBeLessThan(20);
  });

  it('runs the pattern on the first 1 MiB of the text only', async () => {
    thread = new RegexThread();
    const text = `${'x'.repeat(1024 * 1024)}needle`;
    expect(await thread.test('needle', text)).toEqual({ kind: 'no-match' });
    expect(await thread.test('needle', `needle${text}`)).toEqual({ kind: 'match' });
  });

  it('answers unavailable past the bodies it may hold waiting', async () => {
    thread = new RegexThread({ maxWaiting: 1 });
    const first = thread.test('a', 'a');
    expect(await thread.test('a', 'a')).toEqual({ kind: 'unavailable' });
    expect(await first).toEqual({ kind: 'match' });
  });
});
