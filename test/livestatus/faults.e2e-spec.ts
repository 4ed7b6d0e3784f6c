import { get } from 'node:http';
import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { freePort } from '../../bench/livestatus-icinga';
import { FaultServer } from './fault-server';

const TIMEOUT_MS = 800;
const viewer = basicAuth(TEST_USERS.viewer);
const ROWS = '[["web-01",0], ["web-02",1]]';

describe('livestatus endpoints when the peer misbehaves', () => {
  let faulty: FaultServer;
  let healthy: FaultServer;
  let app: TestApp;
  let closedPort: number;

  beforeAll(async () => {
    faulty = await FaultServer.start();
    healthy = await FaultServer.start();
    closedPort = await freePort();
    app = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: [
        `faulty=unix:${faulty.socketPath}`,
        `healthy=unix:${healthy.socketPath}`,
        `missing=unix:/nonexistent/vigil-test/livestatus`,
        `refused=tcp:127.0.0.1:${closedPort}`,
      ].join(','),
      VIGIL_LIVESTATUS_TIMEOUT_MS: String(TIMEOUT_MS),
      VIGIL_LIVESTATUS_MAX_IN_FLIGHT: '2',
      VIGIL_LIVESTATUS_QUEUE_LIMIT: '2',
      VIGIL_LIVESTATUS_KEEPALIVE: 'off',
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await app?.close();
    await faulty?.stop();
    await healthy?.stop();
  });

  beforeEach(() => {
    healthy.reset({ kind: 'answer', body: ROWS });
  });

  const query = (site: string, extra = '') =>
    request(app.url)
      .get(`/api/v1/livestatus/hosts?columns=name,state&site=${site}${extra}`)
      .set('Authorization', viewer);

  async function timed<T>(work: () => PromiseLike<T>): Promise<{ ms: number; result: T }> {
    const started = Date.now();
    const result = await work();
    return { ms: Date.now() - started, result };
  }

  it('answers 503 within 1 s naming the site and address when the socket is missing', async () => {
    const { ms, result: res } = await timed(() => query('missing'));
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('missing');
    expect(res.body.detail).toContain('unix:/nonexistent/vigil-test/livestatus');
    expect(res.body.site).toBe('missing');
    expect(ms).toBeLessThan(1000);
  });

  it('answers 503 naming the TCP address when the connection is refused', async () => {
    const res = await query('refused');
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain(`tcp:127.0.0.1:${closedPort}`);
    expect(res.body.detail).toContain('refused');
  });

  it('answers 504 after the timeout when the peer never answers, and serves others meanwhile', async () => {
    faulty.reset({ kind: 'hang' });
    const hanging = timed(() => query('faulty'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await request(app.url).get('/health');
    expect(health.status).toBe(200);
    const other = await query('healthy');
    expect(other.status).toBe(200);
    expect(other.body).toEqual([
      { site: 'healthy', name: 'web-01', state: 0 },
      { site: 'healthy', name: 'web-02', state: 1 },
    ]);
    const { ms, result: res } = await hanging;
    expect(res.status).toBe(504);
    expect(res.body.detail).toContain(`within ${TIMEOUT_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 2000);
    await waitFor(() => faulty.open === 0);
  });

  it('answers 502 when the peer sends a garbage header', async () => {
    faulty.reset({ kind: 'garbage' });
    const res = await query('faulty');
    expect(res.status).toBe(502);
    expect(res.body.detail).toContain('invalid response header');
  });

  it('answers 504 when the answer trickles in slower than the timeout', async () => {
    faulty.reset({ kind: 'trickle', body: ROWS, everyMs: 60 });
    const res = await query('faulty');
    expect(res.status).toBe(504);
    await waitFor(() => faulty.open === 0);
  });

  it('answers 502 when the peer closes the connection in the middle of the body', async () => {
    faulty.reset({ kind: 'close-mid-body', body: ROWS, sendBytes: 10 });
    const res = await query('faulty');
    expect(res.status).toBe(502);
    expect(res.body.detail).toMatch(/after 10 of 28 announced bytes/);
  });

  it('cuts off a streamed answer whose peer closes mid-body, and keeps serving', async () => {
    const rows = JSON.stringify(Array.from({ length: 3000 }, (_, i) => [`host-${i}`, 0]));
    faulty.reset({ kind: 'close-mid-body', body: rows, sendBytes: 20000 });
    const outcome = await new Promise<string>((resolve) => {
      const req = get(
        `${app.url}/api/v1/livestatus/hosts?columns=name,state&site=faulty&format=ndjson`,
        { headers: { Authorization: viewer } },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.on('data', () => undefined);
          res.on('end', () => resolve('complete'));
          res.on('error', () => resolve('cut off'));
          res.on('aborted', () => resolve('cut off'));
        },
      );
      req.on('error', () => resolve('cut off'));
    });
    expect(outcome).toBe('cut off');
    expect((await query('healthy')).status).toBe(200);
  });

  it('survives a second site failing mid-body while the first one streams', async () => {
    healthy.reset({
      kind: 'answer',
      body: JSON.stringify(Array.from({ length: 20000 }, (_, i) => [`host-${i}`, 0])),
    });
    faulty.reset({ kind: 'close-mid-body', body: ROWS, sendBytes: 5 });
    const outcome = await new Promise<string>((resolve) => {
      const req = get(
        `${app.url}/api/v1/livestatus/hosts?columns=name,state&site=healthy,faulty&format=ndjson`,
        { headers: { Authorization: viewer } },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve('complete'));
          res.on('error', () => resolve('cut off'));
          res.on('aborted', () => resolve('cut off'));
        },
      );
      req.on('error', () => resolve('cut off'));
    });
    expect(outcome).toBe('cut off');
    healthy.reset({ kind: 'answer', body: ROWS });
    expect((await query('healthy')).status).toBe(200);
  });

  it.each([
    [404, 404, "Table 'nosuch' does not exist."],
    [400, 400, 'Bad request'],
    [451, 400, 'Error: incomplete'],
    [413, 413, 'Maximum response size reached'],
  ])('maps livestatus %i to HTTP %i keeping its message', async (status, http, message) => {
    faulty.reset({ kind: 'answer', status, body: message });
    const res = await query('faulty');
    expect(res.status).toBe(http);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBe(message);
  });

  it('keeps only the first line of a 452 error with a stack trace', async () => {
    faulty.reset({
      kind: 'answer',
      status: 452,
      body: "Error: Column 'x' does not exist in table 'hosts'.\n\nStacktrace:\n 0# __cxa_throw in icinga2\n",
    });
    const res = await query('faulty');
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe("Error: Column 'x' does not exist in table 'hosts'.");
  });

  it('never has more queries in flight than configured, and stalled ones free their slots', async () => {
    await waitFor(() => faulty.open === 0);
    faulty.reset({ kind: 'hang' });
    const results = await Promise.all([1, 2, 3, 4].map(() => query('faulty')));
    expect(faulty.maxOpen).toBeLessThanOrEqual(2);
    expect(results.map((r) => r.status)).toEqual([504, 504, 504, 504]);
    await waitFor(() => faulty.open === 0);
    faulty.reset({ kind: 'answer', body: ROWS });
    const res = await query('faulty');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
  });

  it('refuses at once with 503 and Retry-After when the queue is full', async () => {
    faulty.reset({ kind: 'hang' });
    const pending = [1, 2, 3, 4].map(() => query('faulty').then((r) => r));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const { ms, result: refused } = await timed(() => query('faulty'));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.detail).toContain('2 waiting');
    expect(ms).toBeLessThan(TIMEOUT_MS / 2);
    await Promise.all(pending);
  });

  it('answers the rows of the sites that answer and names the failed ones', async () => {
    const res = await query('healthy,missing');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const failures = JSON.parse(res.headers['vigil-site-errors']);
    expect(failures).toEqual([
      { site: 'missing', status: 503, detail: expect.stringContaining('missing') },
    ]);
  });

  it('refuses an unknown site with 400', async () => {
    const res = await query('nowhere');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'site', message: expect.stringContaining('unknown site nowhere') },
    ]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
