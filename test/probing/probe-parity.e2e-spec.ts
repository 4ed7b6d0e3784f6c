import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { components } from '../../openapi/client';
import { startTestApp, type TestApp } from '../support/app';
import { clientAs } from '../support/client';
import { databaseKinds } from '../support/database';

type CreateTarget = components['schemas']['CreateTargetDto'];
type ProbeNow = components['schemas']['ProbeNowDto'];
type ProbeResult = components['schemas']['ProbeResultDto'];

const DAY_MS = 86_400_000;

/** Certificates made for the tests with openssl: one private CA and the leaves it signs. */
class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'vigil-parity-'));

  constructor() {
    const subject = ['-subj', '/CN=vigil parity CA'];
    this.openssl([
      'req',
      '-x509',
      ...this.newKey('ca'),
      '-out',
      'ca.pem',
      '-days',
      '30',
      ...subject,
    ]);
  }

  get ca(): string {
    return this.read('ca.pem');
  }

  /** A leaf signed by the CA for these subject alternative names, valid for `days`. */
  leaf(name: string, days: number, san: string): { key: string; cert: string } {
    this.openssl(['req', ...this.newKey(name), '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    writeFileSync(join(this.dir, `${name}.ext`), `subjectAltName=${san}\n`);
    this.openssl([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      String(days),
      '-extfile',
      `${name}.ext`,
    ]);
    return { key: this.read(`${name}.key`), cert: this.read(`${name}.pem`) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: 'pipe' });
  }

  private newKey(name: string): string[] {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    return [...ec, '-keyout', `${name}.key`];
  }

  private read(file: string): string {
    return readFileSync(join(this.dir, file), 'utf8');
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Local {
  url: string;
  server: Server;
}

async function listen(server: Server, host: string, scheme: string): Promise<Local> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, url: `${scheme}://${host}:${(server.address() as AddressInfo).port}` };
}

function close(local: Local | undefined): Promise<void> {
  if (!local) return Promise.resolve();
  return new Promise((resolve) => {
    (local.server as Server & { closeAllConnections(): void }).closeAllConnections();
    local.server.close(() => resolve());
  });
}

/** The headers each request to `/echo-auth` carried, by server. */
const seen: Record<string, IncomingMessage['headers'][]> = { a: [], b: [] };

/**
 * `/hop/<n>`: a redirect to `/hop/<n-1>` until `/hop/0`, which answers 200; `/status/<code>`;
 * `/text?say=`; `/to?url=`: a 302 to `url`; `/echo-auth`: notes the request's headers.
 */
function handler(name: 'a' | 'b'): Handler {
  return (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const hop = /^\/hop\/(\d+)$/.exec(u.pathname);
    if (hop) {
      const n = Number(hop[1]);
      if (n === 0) res.writeHead(200).end('arrived');
      else res.writeHead(302, { location: `/hop/${n - 1}` }).end('moved');
      return;
    }
    if (u.pathname.startsWith('/status/')) {
      res.writeHead(Number(u.pathname.slice(8))).end();
      return;
    }
    if (u.pathname === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(u.searchParams.get('say') ?? '');
      return;
    }
    if (u.pathname === '/to') {
      res.writeHead(302, { location: u.searchParams.get('url') ?? '/' }).end();
      return;
    }
    if (u.pathname === '/echo-auth') {
      seen[name].push(req.headers);
      res.writeHead(200).end('seen');
      return;
    }
    res.writeHead(404).end();
  };
}

describe.each(databaseKinds())('probe parity on %s', (kind) => {
  let t: TestApp;
  let pki: TestPki;
  let a: Local;
  let b: Local;
  let secure: Local;
  let expiring: Local;
  let named: Local;
  let seq = 0;

  const admin = () => clientAs(t.url, 'admin');

  async function create(body: Partial<CreateTarget>): Promise<number> {
    seq += 1;
    const { data, error } = await admin().POST('/api/v1/targets', {
      body: { name: `parity${seq}-${kind}`, url: `${a.url}/status/200`, enabled: false, ...body },
    });
    expect(error).toBeUndefined();
    return data!.id;
  }

  async function probe(id: number): Promise<ProbeNow> {
    const { data, error } = await clientAs(t.url, 'operator').POST('/api/v1/targets/{id}/probe', {
      params: { path: { id }, query: { notify: false } },
    });
    expect(error).toBeUndefined();
    return data!;
  }

  /** The stored result of the target's latest probe. */
  async function lastResult(id: number): Promise<ProbeResult> {
    const { data } = await admin().GET('/api/v1/targets/{id}/results', {
      params: { path: { id }, query: { limit: 1 } },
    });
    return data!.items[0];
  }

  beforeAll(async () => {
    pki = new TestPki();
    const ip = 'IP:127.0.0.1';
    a = await listen(createHttpServer(handler('a')), '127.0.0.1', 'http');
    b = await listen(createHttpServer(handler('b')), '127.0.0.2', 'http');
    const ok: Handler = (_req, res) => res.writeHead(200).end('secure');
    secure = await listen(createHttpsServer(pki.leaf('secure', 30, ip), ok), '127.0.0.1', 'https');
    expiring = await listen(
      createHttpsServer(pki.leaf('expiring', 3, ip), ok),
      '127.0.0.1',
      'https',
    );
    named = await listen(
      createHttpsServer(pki.leaf('named', 30, 'DNS:vigil.test'), ok),
      '127.0.0.1',
      'https',
    );
    t = await startTestApp(kind, { VIGIL_PROBING_ENABLED: 'true' });
  });

  afterAll(async () => {
    await t?.close();
    for (const local of [a, b, secure, expiring, named]) await close(local);
    pki?.remove();
  });

  describe('redirects', () => {
    it('follows a chain of redirects by default and reports its hops and final URL', async () => {
      const id = await create({ url: `${a.url}/hop/3`, bodyContains: 'arrived' });
      const result = await probe(id);
      expect(result).toMatchObject({
        status: 'PASS',
        httpStatus: 200,
        redirects: 3,
        finalUrl: `${a.url}/hop/0`,
      });
      expect(await lastResult(id)).toMatchObject({
        status: 'PASS',
        redirects: 3,
        finalUrl: `${a.url}/hop/0`,
        certificateExpiresAt: null,
      });
    });

    it('follows 10 redirects and fails the 11th, naming it', async () => {
      const ten = await create({ url: `${a.url}/hop/10` });
      expect(await probe(ten)).toMatchObject({ status: 'PASS', redirects: 10 });
      const eleven = await create({ url: `${a.url}/hop/11` });
      const result = await probe(eleven);
      expect(result).toMatchObject({
        status: 'FAIL',
        httpStatus: 302,
        description: `too many redirects: more than 10, the next to ${a.url}/hop/0`,
      });
      expect((await lastResult(eleven)).description).toMatch(/^too many redirects: more than 10/);
    });

    it('evaluates the first answer with followRedirects false, as before', async () => {
      const id = await create({ url: `${a.url}/hop/1`, followRedirects: false });
      expect(await probe(id)).toMatchObject({
        status: 'FAIL',
        httpStatus: 302,
        description: 'target status:302 != 200',
        redirects: 0,
        finalUrl: null,
      });
      const expected = await create({ url: `${a.url}/hop/1`, expectedStatus: 302 });
      const { data } = await admin().GET('/api/v1/targets/{id}', {
        params: { path: { id: expected } },
      });
      expect(data!.followRedirects).toBe(false);
      expect(await probe(expected)).toMatchObject({ status: 'PASS', httpStatus: 302 });
    });

    it('follows a redirect from http to https', async () => {
      const to = encodeURIComponent(`${secure.url}/`);
      const id = await create({ url: `${a.url}/to?url=${to}`, tls: { caCertificate: pki.ca } });
      expect(await probe(id)).toMatchObject({
        status: 'PASS',
        redirects: 1,
        finalUrl: `${secure.url}/`,
      });
    });

    it('sends credentials on the same host but not to another host', async () => {
      const auth = { type: 'BASIC' as const, username: 'probe', password: 'probe-secret' };
      const headers = { 'X-Api-Key': 'key-1234', 'X-Plain': 'plain' };
      const same = await create({
        url: `${a.url}/to?url=${encodeURIComponent('/echo-auth')}`,
        auth,
        headers,
      });
      expect(await probe(same)).toMatchObject({ status: 'PASS', redirects: 1 });
      expect(seen.a.at(-1)).toMatchObject({
        authorization: `Basic ${Buffer.from('probe:probe-secret').toString('base64')}`,
        'x-api-key': 'key-1234',
      });

      const before = seen.b.length;
      const other = await create({
        url: `${a.url}/to?url=${encodeURIComponent(`${b.url}/echo-auth`)}`,
        auth,
        headers,
      });
      expect(await probe(other)).toMatchObject({
        status: 'PASS',
        redirects: 1,
        finalUrl: `${b.url}/echo-auth`,
      });
      expect(seen.b).toHaveLength(before + 1);
      expect(seen.b[before]).toMatchObject({ 'x-plain': 'plain' });
      expect(seen.b[before].authorization).toBeUndefined();
      expect(seen.b[before]['x-api-key']).toBeUndefined();
    });
  });

  describe('expected statuses', () => {
    it('passes any status of a list [200, 204] and fails another, naming the list', async () => {
      const ok = await create({ url: `${a.url}/status/204`, expectedStatus: [200, 204] });
      expect(await probe(ok)).toMatchObject({ status: 'PASS', httpStatus: 204 });
      const bad = await create({ url: `${a.url}/status/201`, expectedStatus: [204, 200] });
      expect(await probe(bad)).toMatchObject({
        status: 'FAIL',
        description: 'target status:201 not in 200,204',
      });
      const { data } = await admin().GET('/api/v1/targets/{id}', { params: { path: { id: bad } } });
      expect(data!.expectedStatus).toEqual([200, 204]);
    });

    it('passes any status of a class "2xx" and fails a 404', async () => {
      const ok = await create({ url: `${a.url}/status/201`, expectedStatus: '2xx' });
      expect(await probe(ok)).toMatchObject({ status: 'PASS', httpStatus: 201 });
      const bad = await create({ url: `${a.url}/status/404`, expectedStatus: '2xx' });
      expect(await probe(bad)).toMatchObject({
        status: 'FAIL',
        description: 'target status:404 not in 2xx',
      });
      const { data } = await admin().GET('/api/v1/targets/{id}', { params: { path: { id: ok } } });
      expect(data!.expectedStatus).toBe('2xx');
    });

    it('keeps answering one code as a number, through an update to a list and back', async () => {
      const id = await create({ expectedStatus: 204 });
      const path = { params: { path: { id } } };
      expect((await admin().GET('/api/v1/targets/{id}', path)).data!.expectedStatus).toBe(204);
      const mixed = await admin().PATCH('/api/v1/targets/{id}', {
        ...path,
        body: { expectedStatus: [301, '2xx', 204] },
      });
      expect(mixed.data!.expectedStatus).toEqual(['2xx', 301]);
      const back = await admin().PATCH('/api/v1/targets/{id}', {
        ...path,
        body: { expectedStatus: 200 },
      });
      expect(back.data!.expectedStatus).toBe(200);
    });
  });

  describe('TLS', () => {
    it('passes a private-CA server with caCertificate and fails it without, on separate connections', async () => {
      const trusted = await create({ url: `${secure.url}/`, tls: { caCertificate: pki.ca } });
      const result = await probe(trusted);
      expect(result).toMatchObject({ status: 'PASS', httpStatus: 200 });
      // the trusted target's connection stays open: the other must not be given it
      const untrusted = await create({ url: `${secure.url}/` });
      expect(await probe(untrusted)).toMatchObject({
        status: 'FAIL',
        httpStatus: null,
        description: expect.stringMatching(/^cannot connect: TLS error \(/) as string,
      });
      expect(await probe(trusted)).toMatchObject({ status: 'PASS' });
      const insecure = await create({ url: `${secure.url}/`, tls: { insecureSkipVerify: true } });
      expect(await probe(insecure)).toMatchObject({ status: 'PASS' });
    });

    it('reports the certificate expiry in every HTTPS result', async () => {
      const id = await create({ url: `${secure.url}/`, tls: { caCertificate: pki.ca } });
      const result = await probe(id);
      const expiresAt = Date.parse(result.certificateExpiresAt!);
      expect(expiresAt - Date.now()).toBeGreaterThan(29 * DAY_MS);
      expect(expiresAt - Date.now()).toBeLessThan(31 * DAY_MS);
      expect((await lastResult(id)).certificateExpiresAt).toBe(
        new Date(Math.floor(expiresAt / 1000) * 1000).toISOString(),
      );
    });

    it('fails a certificate expiring in 3 days with certificateExpiryDays 7, not with 2', async () => {
      const tls = { caCertificate: pki.ca };
      const week = await create({ url: `${expiring.url}/`, tls, certificateExpiryDays: 7 });
      expect(await probe(week)).toMatchObject({
        status: 'FAIL',
        httpStatus: 200,
        description: expect.stringMatching(/^certificate expires in 3 days \(/) as string,
      });
      expect((await lastResult(week)).description).toMatch(/^certificate expires in 3 days/);
      const two = await create({ url: `${expiring.url}/`, tls, certificateExpiryDays: 2 });
      expect(await probe(two)).toMatchObject({ status: 'PASS' });
    });

    it('checks the certificate against serverName instead of the URL host', async () => {
      const without = await create({ url: `${named.url}/`, tls: { caCertificate: pki.ca } });
      expect(await probe(without)).toMatchObject({
        status: 'FAIL',
        description: expect.stringMatching(/TLS error/) as string,
      });
      const withName = await create({
        url: `${named.url}/`,
        tls: { caCertificate: pki.ca, serverName: 'vigil.test' },
      });
      expect(await probe(withName)).toMatchObject({ status: 'PASS' });
    });
  });

  describe('bodyNotContains', () => {
    it('fails a body that contains the text and passes one that does not', async () => {
      const down = await create({
        url: `${a.url}/text?say=${encodeURIComponent('down for maintenance')}`,
        bodyNotContains: 'maintenance',
      });
      expect(await probe(down)).toMatchObject({
        status: 'FAIL',
        description: 'body mismatch: contains "maintenance"',
      });
      const up = await create({ url: `${a.url}/text?say=up`, bodyNotContains: 'maintenance' });
      expect(await probe(up)).toMatchObject({ status: 'PASS' });
    });
  });
});
