import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { freePort, findIcinga2 } from '../../bench/livestatus-icinga';
import { IcingaApiClient, IcingaApiError } from '../../src/icinga-api/icinga-api-client';
import { describeWithIcinga } from '../support/icinga';
import { ICINGA_NODE, testCertificates } from '../support/icinga-api';

/**
 * A TLS server with the test node's certificate that answers as a misbehaving Icinga would:
 * slowly, never, or in pieces.
 */
describeWithIcinga('Icinga 2 API client against a misbehaving server', () => {
  let server: Server;
  let port: number;
  let ca: Buffer;
  let handler: (path: string, res: ServerResponse) => void;
  const clients: IcingaApiClient[] = [];

  beforeAll(async () => {
    const certs = testCertificates(findIcinga2() as string);
    ca = readFileSync(join(certs, 'ca.crt'));
    server = createServer(
      {
        cert: readFileSync(join(certs, `${ICINGA_NODE}.crt`)),
        key: readFileSync(join(certs, `${ICINGA_NODE}.key`)),
      },
      (req, res) => handler(req.url ?? '', res),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function client(
    options: { headersTimeoutMs?: number; bodyTimeoutMs?: number; port?: number } = {},
  ) {
    const { port: to = port, ...timeouts } = options;
    const made = new IcingaApiClient({
      url: `https://127.0.0.1:${to}`,
      user: 'vigil',
      password: 'the-secret-pw',
      ca,
      servername: ICINGA_NODE,
      ...timeouts,
    });
    clients.push(made);
    return made;
  }

  async function failure(promise: Promise<unknown>): Promise<IcingaApiError> {
    try {
      await promise;
    } catch (err) {
      expect(err).toBeInstanceOf(IcingaApiError);
      expect(String((err as Error).message)).not.toContain('the-secret-pw');
      return err as IcingaApiError;
    }
    throw new Error('expected an IcingaApiError');
  }

  it('yields each object as soon as it has arrived, before the answer ends', async () => {
    let finish = () => {};
    handler = (_path, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"results":[{"name":"h1","type":"Host","attrs":{"name":"h1"}},');
      finish = () => res.end('{"name":"h2","type":"Host","attrs":{"name":"h2"}}]}');
    };
    const objects = client().objects('hosts', { attrs: ['name'] });
    const first = await objects.next();
    expect(first.value).toMatchObject({ name: 'h1' });
    finish();
    expect((await objects.next()).value).toMatchObject({ name: 'h2' });
    expect((await objects.next()).done).toBe(true);
  });

  it('reads an answer split inside strings and multi-byte characters', async () => {
    const body = Buffer.from(
      JSON.stringify({ results: [{ name: 'ü"\\x', type: 'Host', attrs: { out: 'ünïcode ✓' } }] }),
    );
    handler = (_path, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < body.length; i += 3) res.write(body.subarray(i, i + 3));
      res.end();
    };
    const all = [];
    for await (const o of client().objects('hosts')) all.push(o);
    expect(all).toEqual([{ name: 'ü"\\x', type: 'Host', attrs: { out: 'ünïcode ✓' } }]);
  });

  it('says protocol for an answer that is not JSON, and for one cut short', async () => {
    handler = (_path, res) => {
      res.writeHead(200);
      res.end('<html>no</html>');
    };
    expect((await failure(collect(client().objects('hosts')))).kind).toBe('protocol');
    handler = (_path, res) => {
      res.writeHead(200);
      res.end('{"results":[{"name":"h1"');
    };
    expect((await failure(collect(client().objects('hosts')))).kind).toBe('protocol');
  });

  it('times out waiting for headers, and on a body that stalls', async () => {
    handler = () => {};
    const headers = await failure(client({ headersTimeoutMs: 300 }).status());
    expect(headers.kind).toBe('timeout');
    handler = (_path, res) => {
      res.writeHead(200);
      res.write('{"results":[');
    };
    const body = await failure(collect(client({ bodyTimeoutMs: 300 }).objects('hosts')));
    expect(body.kind).toBe('timeout');
  });

  it('passes on the message of a 403 and classifies 500', async () => {
    handler = (_path, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"error":403,"status":"No permission to access object of type Host."}');
    };
    const forbidden = await failure(client().action('schedule-downtime', {}));
    expect(forbidden).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(forbidden.message).toContain('No permission to access object of type Host.');
    handler = (_path, res) => {
      res.writeHead(500);
      res.end('{"results":[{"code":500,"status":"Action execution failed: the-secret-pw"}]}');
    };
    const broken = await failure(client().action('schedule-downtime', {}));
    expect(broken).toMatchObject({ kind: 'server', status: 500 });
    expect(broken.message).toContain('Action execution failed: ***');
  });

  it('says unreachable when nothing listens', async () => {
    const closed = await freePort();
    const nobody = client({ port: closed });
    const err = await failure(nobody.status());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('refuses a URL with credentials or without TLS', () => {
    const make = (url: string) => () => new IcingaApiClient({ url, user: 'u', password: 'p', ca });
    expect(make('http://127.0.0.1:5665')).toThrow(/https/);
    expect(make('https://u:p@127.0.0.1:5665')).toThrow(/user or password/);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}
