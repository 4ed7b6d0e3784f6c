import { Agent } from 'undici';
import { HttpProber, prepareSpec } from '../../src/probing/http-prober';
import { KeystoneTokens } from '../../src/probing/keystone';
import type { ProbeAuth, ProbeSpec } from '../../src/probing/probe-spec';
import {
  closedPort,
  startFakeKeystone,
  startHeaderFloodServer,
  startTargetServer,
  type FakeKeystone,
  type LocalServer,
} from './target-servers';

describe('HttpProber against real local servers', () => {
  let keystone: FakeKeystone;
  let target: LocalServer;
  let dispatcher: Agent;
  let prober: HttpProber;

  beforeAll(async () => {
    keystone = await startFakeKeystone();
    target = await startTargetServer(keystone.validTokens);
  });
  beforeEach(() => {
    dispatcher = new Agent({ keepAliveTimeout: 10_000 });
    prober = new HttpProber({ dispatcher, keystone: new KeystoneTokens({ dispatcher }) });
  });
  afterEach(async () => {
    await prober.close();
    await dispatcher.close();
  });
  afterAll(async () => {
    await target.close();
    await keystone.close();
  });

  const spec = (path: string, extra: Partial<ProbeSpec> = {}): ProbeSpec => ({
    url: `${target.url}${path}`,
    method: 'GET',
    auth: { type: 'NONE' },
    timeoutSeconds: 2,
    expectedStatus: 200,
    ...extra,
  });

  it('passes a target that answers the expected status', async () => {
    const r = await prober.probe(spec('/status/200'));
    expect(r).toMatchObject({
      status: 'PASS',
      httpStatus: 200,
      description: 'OK',
      networkFailure: false,
    });
    expect(r.steps).toEqual([]);
  });

  it('traces the steps of a probe when asked', async () => {
    const r = await prober.probe(spec('/status/200'), true);
    expect(r.status).toBe('PASS');
    expect(r.steps.map((s) => s.step)).toEqual(['request', 'response', 'evaluation']);
    expect(r.steps[0].detail).toBe('HTTP 200');
    for (const s of r.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(r.steps.reduce((sum, s) => sum + s.ms, 0)).toBeLessThanOrEqual(r.responseTimeMs + 0.5);
  });

  it.each([301, 404, 503])('fails status %i with skypunch wording', async (code) => {
    const r = await prober.probe(spec(`/status/${code}`));
    expect(r).toMatchObject({
      status: 'FAIL',
      failure: 'status',
      httpStatus: code,
      description: `target status:${code} != 200`,
      networkFailure: false,
    });
  });

  it('passes when the expected status is not 200', async () => {
    expect((await prober.probe(spec('/status/204', { expectedStatus: 204 }))).status).toBe('PASS');
  });

  it('probes a prepared spec like a plain one, and reports an invalid URL as a failed probe', async () => {
    expect(await prober.probe(prepareSpec(spec('/status/200?x=1')))).toMatchObject({
      status: 'PASS',
      httpStatus: 200,
    });
    const invalid = { ...spec('/'), url: 'http://exa mple/' };
    for (const s of [invalid, prepareSpec(invalid)]) {
      expect(await prober.probe(s)).toMatchObject({
        status: 'FAIL',
        httpStatus: null,
        description: expect.stringMatching(/^cannot connect: /) as unknown,
      });
    }
  });

  it('sends method, headers, body and keeps the query string', async () => {
    const r = await prober.probe(
      spec('/echo?a=1&b=two', {
        method: 'POST',
        headers: { 'x-probe': 'yes', 'content-type': 'text/plain' },
        body: 'ping',
        jsonPath: 'body',
        jsonEquals: 'ping',
      }),
    );
    expect(r.status).toBe('PASS');
    const echo = await prober.probe(
      spec('/echo?a=1&b=two', { jsonPath: 'query', jsonEquals: '?a=1&b=two' }),
    );
    expect(echo.status).toBe('PASS');
    const wrong = await prober.probe(
      spec('/echo', { method: 'PUT', jsonPath: 'method', jsonEquals: 'GET' }),
    );
    expect(wrong.description).toBe('JSON mismatch at method: "PUT" != "GET"');
  });

  it('times out a target slower than the timeout, and one that hangs', async () => {
    for (const path of ['/slow?ms=3000', '/hang']) {
      const r = await prober.probe(spec(path, { timeoutSeconds: 1 }));
      expect(r).toMatchObject({
        status: 'FAIL',
        failure: 'timeout',
        description: 'timeout after 1 s',
        httpStatus: null,
        networkFailure: true,
      });
      expect(r.responseTimeMs).toBeGreaterThanOrEqual(990);
      expect(r.responseTimeMs).toBeLessThan(1900);
    }
  });

  it('names a refused connection, a reset and a failed DNS lookup', async () => {
    const port = await closedPort();
    const refused = await prober.probe({ ...spec('/'), url: `http://127.0.0.1:${port}/` });
    expect(refused).toMatchObject({
      failure: 'refused',
      description: 'cannot connect: connection refused',
      networkFailure: true,
    });
    const reset = await prober.probe(spec('/reset'));
    expect(reset).toMatchObject({
      failure: 'reset',
      description: 'cannot connect: connection reset by the target',
    });
    const dns = await prober.probe({ ...spec('/'), url: 'http://no-such-host.invalid/' });
    expect(dns).toMatchObject({
      failure: 'dns',
      description: 'cannot connect: DNS lookup failed for no-such-host.invalid',
    });
  });

  it('names an answer with too many headers as such, not as a failed connection', async () => {
    const flood = await startHeaderFloodServer(2000);
    try {
      const r = await prober.probe({ ...spec('/'), url: `${flood.url}/` });
      expect(r).toMatchObject({
        status: 'FAIL',
        failure: 'headers-too-large',
        description: 'response headers too large',
        httpStatus: null,
        // no usable answer: counted with the network failures, as the counters have no other place
        networkFailure: true,
      });
    } finally {
      await flood.close();
    }
  });

  it('names a TLS failure', async () => {
    // a plain HTTP server spoken to with TLS cannot complete a handshake
    const r = await prober.probe({
      ...spec('/text'),
      url: target.url.replace('http:', 'https:') + '/text',
    });
    expect(r.failure).toBe('tls');
    expect(r.description).toMatch(/^cannot connect: TLS error \(/);
  });

  it('checks body text, body regex, JSON value and response time', async () => {
    expect((await prober.probe(spec('/text', { bodyContains: 'nominal' }))).status).toBe('PASS');
    expect((await prober.probe(spec('/text', { bodyContains: 'degraded' }))).description).toBe(
      'body mismatch: does not contain "degraded"',
    );
    expect((await prober.probe(spec('/text', { bodyRegex: 'build \\d+' }))).status).toBe('PASS');
    expect((await prober.probe(spec('/text', { bodyRegex: '^down' }))).description).toBe(
      'body mismatch: does not match /^down/',
    );
    expect(
      (await prober.probe(spec('/json', { jsonPath: 'service.healthy', jsonEquals: true }))).status,
    ).toBe('PASS');
    expect(
      (await prober.probe(spec('/json', { jsonPath: 'items.0.id', jsonEquals: 7 }))).status,
    ).toBe('PASS');
    expect(
      (await prober.probe(spec('/json', { jsonPath: 'service.version', jsonEquals: '2.0' })))
        .description,
    ).toBe('JSON mismatch at service.version: "1.2" != "2.0"');
    expect((await prober.probe(spec('/text', { jsonPath: 'a' }))).description).toBe(
      'JSON mismatch: the body is not JSON',
    );
    const slow = await prober.probe(spec('/slow?ms=300', { maxResponseTimeMs: 100 }));
    expect(slow).toMatchObject({ status: 'FAIL', failure: 'slow', httpStatus: 200 });
    expect(slow.description).toMatch(/^too slow: \d+ ms > 100 ms$/);
  });

  it('reads a body only up to the cap, and leaves an unread endless body without waiting for it', async () => {
    const capped = new HttpProber({ dispatcher, maxBodyBytes: 64 * 1024 });
    const unread = await capped.probe(spec('/endless', { timeoutSeconds: 2 }));
    expect(unread).toMatchObject({ status: 'PASS', httpStatus: 200 });
    expect(unread.responseTimeMs).toBeLessThan(1000);
    const read = await capped.probe(
      spec('/endless', { timeoutSeconds: 2, bodyContains: 'start x' }),
    );
    expect(read).toMatchObject({ status: 'PASS', httpStatus: 200 });
    const missing = await capped.probe(
      spec('/endless', { timeoutSeconds: 2, bodyContains: 'the end' }),
    );
    expect(missing).toMatchObject({
      status: 'FAIL',
      description: 'body mismatch: does not contain "the end"',
    });
    expect(missing.responseTimeMs).toBeLessThan(1000);
    // the connection is still usable afterwards
    expect((await capped.probe(spec('/status/200'))).status).toBe('PASS');
  });

  it('sends BASIC credentials, and fails on wrong ones', async () => {
    const good: ProbeAuth = { type: 'BASIC', username: 'probe', password: 'probe-secret' };
    expect((await prober.probe(spec('/basic', { auth: good }))).status).toBe('PASS');
    const bad = await prober.probe(spec('/basic', { auth: { ...good, password: 'nope' } }));
    expect(bad).toMatchObject({ status: 'FAIL', description: 'target status:401 != 200' });
    const missing = await prober.probe(spec('/basic', { auth: { ...good, password: '' } }));
    expect(missing).toMatchObject({
      failure: 'auth-params',
      description: 'invalid auth parameters: BASIC needs a username and a password',
    });
  });

  describe('OPENSTACK', () => {
    const v3 = (): ProbeAuth => ({
      type: 'OPENSTACK',
      authUrl: keystone.url,
      keystoneVersion: 'v3',
      username: 'demo',
      password: 'demo-secret',
      projectName: 'ops',
    });
    const v2 = (): ProbeAuth => ({
      type: 'OPENSTACK',
      authUrl: `${keystone.url}/v2.0`,
      keystoneVersion: 'v2.0',
      username: 'demo',
      password: 'demo-secret',
      tenantId: 't-1',
    });

    it.each([
      ['v3', v3],
      ['v2.0', v2],
    ] as const)('reuses one %s token across probes and targets', async (version, auth) => {
      const before = keystone.issued[version];
      for (let i = 0; i < 3; i++) {
        expect((await prober.probe(spec('/keystone-protected', { auth: auth() }))).status).toBe(
          'PASS',
        );
        expect(
          (await prober.probe(spec('/keystone-protected?other=target', { auth: auth() }))).status,
        ).toBe('PASS');
      }
      expect(keystone.issued[version] - before).toBe(1);
    });

    it('asks for one token when many probes start at once', async () => {
      const before = keystone.issued.v3;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => prober.probe(spec('/keystone-protected', { auth: v3() }))),
      );
      expect(results.every((r) => r.status === 'PASS')).toBe(true);
      expect(keystone.issued.v3 - before).toBe(1);
    });

    it('renews a token shortly before it expires', async () => {
      let now = Date.now();
      const tokens = new KeystoneTokens({ dispatcher, renewBeforeMs: 60_000, now: () => now });
      const p = new HttpProber({ dispatcher, keystone: tokens });
      keystone.lifetimeMs = 5 * 60_000;
      try {
        const before = keystone.issued.v3;
        await p.probe(spec('/keystone-protected', { auth: v3() }));
        now += 3 * 60_000; // 2 min left: still used
        await p.probe(spec('/keystone-protected', { auth: v3() }));
        expect(keystone.issued.v3 - before).toBe(1);
        now += 90_000; // 30 s left: renewed
        expect((await p.probe(spec('/keystone-protected', { auth: v3() }))).status).toBe('PASS');
        expect(keystone.issued.v3 - before).toBe(2);
      } finally {
        keystone.lifetimeMs = 3_600_000;
      }
    });

    it('fetches a new token once when the target answers 401', async () => {
      await prober.probe(spec('/keystone-protected', { auth: v3() }));
      keystone.validTokens.clear(); // the target no longer accepts the cached token
      const before = keystone.issued.v3;
      const r = await prober.probe(spec('/keystone-protected', { auth: v3() }));
      expect(r.status).toBe('PASS');
      expect(keystone.issued.v3 - before).toBe(1);
      // a target that refuses every token gets exactly one retry
      const again = keystone.issued.v3;
      const refused = await prober.probe(spec('/status/401', { auth: v3() }));
      expect(refused.description).toBe('target status:401 != 200');
      expect(keystone.issued.v3 - again).toBe(1);
    });

    it('names rejected credentials and an unreachable Keystone', async () => {
      const rejected = await prober.probe(
        spec('/keystone-protected', { auth: { ...v3(), password: 'wrong' } as ProbeAuth }),
      );
      expect(rejected).toMatchObject({
        status: 'FAIL',
        failure: 'keystone-rejected',
        description: 'Keystone rejected the credentials (status 401)',
      });
      expect(JSON.stringify(rejected)).not.toContain('wrong');
      const port = await closedPort();
      const unreachable = await prober.probe(
        spec('/keystone-protected', {
          auth: { ...v3(), authUrl: `http://127.0.0.1:${port}` } as ProbeAuth,
        }),
      );
      expect(unreachable).toMatchObject({ failure: 'keystone-unreachable' });
      expect(unreachable.description).toMatch(/^Keystone unreachable: ECONNREFUSED/);
    });
  });
});
