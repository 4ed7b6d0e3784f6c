import { BoundedConcurrency, QueueFullError } from './bounded-concurrency';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('BoundedConcurrency', () => {
  it('runs at most `concurrency` tasks at once, queues up to the limit and refuses beyond', async () => {
    const now = 0;
    const gate = new BoundedConcurrency(2, 2, 400, () => now);
    const gates = [0, 1, 2, 3].map(() => deferred());
    let started = 0;
    const runs = gates.map((g) =>
      gate.run(async () => {
        started++;
        await g.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toBe(2);
    expect(gate.active).toBe(2);
    expect(gate.queued).toBe(2);
    // 2 running + 2 waiting at 400 ms each, 2 at a time: 0.8 s, rounded up
    const refused = gate.run(() => Promise.resolve());
    await expect(refused).rejects.toEqual(new QueueFullError(1));
    gates[0].resolve();
    await runs[0];
    await Promise.resolve();
    expect(started).toBe(3);
    gates.forEach((g) => g.resolve());
    await Promise.all(runs);
    expect(gate.active).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('estimates the drain time from the tasks it ran', async () => {
    let now = 0;
    const gate = new BoundedConcurrency(1, 10, 100, () => now);
    for (let i = 0; i < 20; i++) {
      await gate.run(() => {
        now += 2000;
        return Promise.resolve();
      });
    }
    const block = deferred();
    const running = gate.run(() => block.promise);
    expect(gate.drainSeconds()).toBe(2);
    block.resolve();
    await running;
  });

  it('passes a failing task on and keeps its slot count right', async () => {
    const gate = new BoundedConcurrency(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.active).toBe(0);
    await expect(gate.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
