import { connect } from 'node:net';
import request from 'supertest';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from './support/app';

const AUTH = basicAuth(TEST_USERS.admin);

interface RawExchange {
  /** Everything the server wrote. */
  text: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/**
 * Opens a socket, writes `head`, then `trickle` one character at a time every `everyMs` until the
 * server closes the connection (or `giveUpMs` passes).
 */
function rawExchange(
  baseUrl: string,
  head: string,
  trickle = '',
  everyMs = 1000,
  giveUpMs = 15000,
): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let text = '';
    let sent = 0;
    const ticker = setInterval(() => {
      if (sent < trickle.length && socket.writable) socket.write(trickle[sent++]);
    }, everyMs);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms: ${text}`));
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(ticker);
      clearTimeout(giveUp);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
  });
}

function parseRaw(text: string): { status: number; headers: string; body: unknown } {
  const [head, ...rest] = text.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    headers: head,
    body: JSON.parse(rest.join('\r\n\r\n')),
  };
}

function expectProblem(res: request.Response, status: number): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  return body;
}

describe('the HTTP platform answers bad input with problem+json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a body nested more than 64 levels deep with 400, naming the member', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await request(t.url)
      .post('/api/v1/commands')
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/json')
      .send(`{"command":"ADD_HOST_COMMENT","args":${deep}}`);
    expect(expectProblem(res, 400)).toMatchObject({
      type: 'urn:vigil:problem:validation',
      errors: [{ field: 'args', message: expect.stringMatching(/64 levels/) }],
    });
  });

  it('refuses an unpaired surrogate anywhere in a body with 400, naming the member', async () => {
    const res = await request(t.url)
      .post('/api/v1/notifiers')
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/json')
      .send('{"name":"n","address":["a\\ud800@example.com"],"smtp":{"host":"h","from":"a@b"}}');
    expect(expectProblem(res, 400).errors).toEqual([
      { field: 'address.0', message: 'must not contain an unpaired UTF-16 surrogate' },
    ]);
  });

  it('still refuses __proto__ in a body as invalid JSON', async () => {
    const res = await request(t.url)
      .post('/api/v1/targets')
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/json')
      .send('{"__proto__":{"admin":true}}');
    expectProblem(res, 400);
  });

  it.each<[string, string, number, string]>([
    ['a form body over 1 MiB', `q=${'x'.repeat(1_100_000)}`, 413, 'about:blank'],
    ['q given twice', 'q=GET%20hosts&q=GET%20services', 400, 'urn:vigil:problem:validation'],
    ['a __proto__ member', '__proto__=x&q=', 400, 'urn:vigil:problem:validation'],
    ['a constructor member', 'constructor=x&q=', 400, 'urn:vigil:problem:validation'],
  ])(
    'answers the form body of a livestatus-service route with %s',
    async (_n, body, status, type) => {
      for (const path of ['/query', '/cmd']) {
        const res = await request(t.url)
          .post(path)
          .set('Authorization', AUTH)
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send(body);
        expect(expectProblem(res, status).type).toBe(type);
      }
    },
  );

  it.each([
    ['an unknown route', () => request(t.url).get('/no/such/route'), 404],
    [
      'bad JSON',
      () =>
        request(t.url)
          .post('/api/v1/targets')
          .set('Authorization', AUTH)
          .set('Content-Type', 'application/json')
          .send('{"name":'),
      400,
    ],
    [
      'an unsupported media type',
      () =>
        request(t.url)
          .post('/api/v1/targets')
          .set('Authorization', AUTH)
          .set('Content-Type', 'application/xml')
          .send('<target/>'),
      415,
    ],
    [
      'a body over 1 MiB',
      () =>
        request(t.url)
          .post('/api/v1/targets')
          .set('Authorization', AUTH)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ name: 'x'.repeat(1_100_000) })),
      413,
    ],
    [
      'a path that is not UTF-8 once decoded',
      () => request(t.url).get('/api/v1/targets/%ff').set('Authorization', AUTH),
      400,
    ],
    [
      'a path parameter over 100 characters',
      () =>
        request(t.url)
          .get(`/api/v1/targets/${'1'.repeat(200)}`)
          .set('Authorization', AUTH),
      414,
    ],
  ])('answers %s with problem+json', async (_name, send, status) => {
    expectProblem(await send(), status);
  });

  it.each([
    [
      'a Content-Length that is no number',
      'POST /api/v1/targets HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n',
      400,
    ],
    [
      'both Content-Length and chunked encoding',
      'POST /api/v1/targets HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n',
      400,
    ],
    [
      'headers over 16 KiB',
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    ['a request line over 16 KiB', `GET /health?${'a'.repeat(20_000)} HTTP/1.1\r\n\r\n`, 431],
    ['no HTTP at all', 'HELLO\r\n\r\n', 400],
  ])('answers %s, which Node refuses itself, with problem+json', async (_name, head, status) => {
    const { text } = await rawExchange(t.url, head);
    const res = parseRaw(text);
    expect(res.status).toBe(status);
    expect(res.headers).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
    expect(res.body).toMatchObject({ type: 'about:blank', status, detail: expect.any(String) });
  });
});

describe('slow requests are cut off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      VIGIL_HTTP_REQUEST_TIMEOUT_MS: '2000',
      VIGIL_HTTP_HEADERS_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const bodyHead =
    'POST /api/v1/targets HTTP/1.1\r\nHost: x\r\n' +
    `Authorization: ${AUTH}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;

  it('answers 408 and closes a connection sending its body a byte a second', async () => {
    const { text, closedAfterMs } = await rawExchange(t.url, bodyHead, '{"name":"slow', 1000);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1900);
    expect(closedAfterMs).toBeLessThan(4500);
    const res = parseRaw(text);
    expect(res.status).toBe(408);
    expect(res.headers).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
    expect(res.body).toMatchObject({ status: 408, title: 'Request Timeout' });
  });

  it('closes a connection sending its headers a byte at a time', async () => {
    const { text, closedAfterMs } = await rawExchange(
      t.url,
      'GET /health HTTP/1.1\r\n',
      'X-Slow: aaaaaaaaaa',
      300,
    );
    expect(closedAfterMs).toBeLessThan(3000);
    expect(parseRaw(text).status).toBe(408);
  });

  it('closes fifty slow connections at once and still serves others', async () => {
    const slow = Array.from({ length: 50 }, () =>
      rawExchange(t.url, bodyHead, '{"name":"slow', 1000),
    );
    await request(t.url).get('/health').expect(200);
    const closed = await Promise.all(slow);
    for (const c of closed) expect(c.closedAfterMs).toBeLessThan(4500);
    // a client cut off is no server error
    expect(t.logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('still serves a request whose body arrives in time', async () => {
    await request(t.url)
      .post('/api/v1/targets')
      .set('Authorization', AUTH)
      .send({ name: 'in time', url: 'http://127.0.0.1:9/' })
      .expect(201);
  });
});
