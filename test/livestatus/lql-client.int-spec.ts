import { LqlClient, LqlError, type LqlClientOptions } from '../../src/sites/lql-client';
import { FaultServer } from './fault-server';

const OPTIONS: LqlClientOptions = {
  connectTimeoutMs: 1000,
  timeoutMs: 1000,
  maxInFlight: 2,
  queueLimit: 10,
  keepAlive: true,
  idleTimeoutMs: 150,
};

describe('LqlClient', () => {
  let server: FaultServer;

  beforeEach(async () => {
    server = await FaultServer.start();
    server.reset({ kind: 'answer', body: '[["a"]]' });
  });
  afterEach(async () => {
    await server.stop();
  });

  const client = (options: Partial<LqlClientOptions> = {}) =>
    new LqlClient('test', { type: 'unix', path: server.socketPath }, { ...OPTIONS, ...options });

  it('frames each request with fixed16, json and an empty line', async () => {
    const body = await client({ keepAlive: false }).fetch('GET hosts\nColumns: name');
    expect(body.toString()).toBe('[["a"]]');
    expect(server.requests).toEqual([
      'GET hosts\nColumns: name\nResponseHeader: fixed16\nOutputFormat: json',
    ]);
  });

  it('reuses one kept-alive connection for queries in a row, then closes it when idle', async () => {
    const c = client();
    for (let i = 0; i < 5; i++) await c.fetch('GET hosts');
    expect(server.connections).toBe(1);
    expect(server.requests.every((r) => r.endsWith('KeepAlive: on'))).toBe(true);
    expect(c.load).toEqual({ busy: 0, idle: 1, queued: 0 });
    await waitFor(() => server.open === 0);
    expect(c.load.idle).toBe(0);
  });

  it('opens a connection per query without keep-alive', async () => {
    const c = client({ keepAlive: false });
    for (let i = 0; i < 3; i++) await c.fetch('GET hosts');
    expect(server.connections).toBe(3);
    expect(c.load).toEqual({ busy: 0, idle: 0, queued: 0 });
  });

  it('retries once on a fresh connection when a kept-alive one was closed by the peer', async () => {
    const c = client({ idleTimeoutMs: 10000 });
    await c.fetch('GET hosts');
    // The peer closes the kept-alive connection as the next query arrives: that query must
    // not fail because of it.
    server.reset({ kind: 'close', then: { kind: 'answer', body: '[["b"]]' } });
    const body = await c.fetch('GET hosts');
    expect(body.toString()).toBe('[["b"]]');
    expect(server.connections).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('counts idle connections against the cap but hands them to waiting queries', async () => {
    const c = client({ maxInFlight: 1 });
    const bodies = await Promise.all([1, 2, 3, 4].map(() => c.fetch('GET hosts')));
    expect(bodies.map(String)).toEqual(['[["a"]]', '[["a"]]', '[["a"]]', '[["a"]]']);
    expect(server.connections).toBe(1);
  });

  it('keeps to its share of maxInFlight among the live instances, asked again as they change', async () => {
    let members = 3;
    const c = client({
      maxInFlight: 4,
      members: () => members,
      idleTimeoutMs: 10000,
      timeoutMs: 10000,
    });
    const slowly = {
      kind: 'trickle',
      body: JSON.stringify([['x'.repeat(40)]]),
      everyMs: 2,
    } as const;
    server.reset(slowly);
    const queries = () => Promise.all([1, 2, 3, 4, 5, 6].map(() => c.fetch('GET hosts')));
    expect(c.limit).toBe(1);
    await queries();
    expect(server.maxOpen).toBe(1);

    members = 1;
    server.reset(slowly);
    expect(c.limit).toBe(4);
    await queries();
    expect(server.maxOpen).toBe(4);
    expect(c.load.idle).toBe(4);

    // an instance joins: the kept connections beyond the new share are closed at the next query
    members = 2;
    server.reset({ kind: 'answer', body: '[]' });
    expect(String(await c.fetch('GET hosts'))).toBe('[]');
    await waitFor(() => server.open <= 2);
    expect(c.load.idle).toBeLessThanOrEqual(2);
  });

  it('refuses an answer larger than maxBytes and frees the connection', async () => {
    const c = client({ maxInFlight: 1 });
    server.reset({ kind: 'answer', body: JSON.stringify([['x'.repeat(5000)]]) });
    await expect(c.fetch('GET hosts', { maxBytes: 1000 })).rejects.toMatchObject({
      kind: 'too-large',
    });
    server.reset({ kind: 'answer', body: '[]' });
    expect(String(await c.fetch('GET hosts'))).toBe('[]');
  });

  it('gives an abandoned streamed answer its slot back', async () => {
    const c = client({ maxInFlight: 1, keepAlive: false });
    server.reset({ kind: 'trickle', body: JSON.stringify([['x'.repeat(2000)]]), everyMs: 2 });
    const answer = await c.stream('GET hosts');
    expect(c.load.busy).toBe(1);
    answer.body.destroy();
    await waitFor(() => c.load.busy === 0);
    server.reset({ kind: 'answer', body: '[]' });
    expect(String(await c.fetch('GET hosts'))).toBe('[]');
  });

  it('aborts a queued query when its signal fires', async () => {
    const c = client({ maxInFlight: 1, keepAlive: false });
    server.reset({ kind: 'hang' });
    const first = c.fetch('GET hosts').catch((e: unknown) => e);
    const controller = new AbortController();
    const second = c.fetch('GET hosts', { signal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => c.load.queued === 1);
    controller.abort();
    expect(await second).toMatchObject({ kind: 'aborted' });
    expect(c.load.queued).toBe(0);
    expect(await first).toBeInstanceOf(LqlError);
  });

  it('returns livestatus status and body from request(), e.g. for COMMAND lines', async () => {
    server.reset({ kind: 'answer', status: 452, body: 'Error: Unknown command\n\nStacktrace' });
    const reply = await client().request('COMMAND [1] NOPE');
    expect(reply.status).toBe(452);
    expect(reply.body.toString()).toContain('Unknown command');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
