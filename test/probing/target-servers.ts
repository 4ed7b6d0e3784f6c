import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const { server } = await listen(() => undefined);
  const { port } = server.address() as AddressInfo;
  await closer(server)();
  return port;
}

/**
 * A target server: `/status/<code>`, `/json`, `/text`, `/slow?ms=`, `/hang`, `/endless` (a body
 * that never ends), `/reset`,
 * `/basic` (needs user `probe`, password `probe-secret`), `/keystone-protected` (needs a token
 * the fake Keystone issued and has not revoked), `/echo` (method, query, headers, body as JSON),
 * `/repeat?c=a&n=28&end=!` (`c` n times, then `end`: a hostile body for a backtracking regex).
 */
export async function startTargetServer(validTokens: Set<string>): Promise<LocalServer> {
  const { server, url } = await listen((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body = '', type = 'text/plain') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (u.pathname.startsWith('/status/')) return send(Number(u.pathname.slice(8)), 'status page');
    if (u.pathname === '/json') {
      return send(
        200,
        JSON.stringify({ service: { healthy: true, version: '1.2' }, items: [{ id: 7 }] }),
        'application/json',
      );
    }
    if (u.pathname === '/text') return send(200, 'all systems nominal, build 4711');
    if (u.pathname === '/slow') {
      setTimeout(() => send(200, 'late'), Number(u.searchParams.get('ms') ?? 1000)).unref();
      return;
    }
    if (u.pathname === '/hang') return; // never answers
    if (u.pathname === '/endless') {
      // a body that never ends: `start` first, then filler for as long as the client reads
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('start ');
      const filler = Buffer.alloc(16 * 1024, 'x');
      const more = () => {
        while (!res.destroyed && res.write(filler));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
      return;
    }
    if (u.pathname === '/reset') return req.socket.destroy();
    if (u.pathname === '/repeat') {
      const { c, n, end } = Object.fromEntries(u.searchParams);
      return send(200, `${(c ?? 'a').repeat(Number(n ?? 28))}${end ?? ''}`);
    }
    if (u.pathname === '/basic') {
      const ok =
        req.headers.authorization ===
        `Basic ${Buffer.from('probe:probe-secret').toString('base64')}`;
      return send(ok ? 200 : 401, ok ? 'welcome' : 'who are you');
    }
    if (u.pathname === '/keystone-protected') {
      const token = req.headers['x-auth-token'];
      return send(typeof token === 'string' && validTokens.has(token) ? 200 : 401);
    }
    if (u.pathname === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        send(
          200,
          JSON.stringify({
            method: req.method,
            query: u.search,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
          'application/json',
        ),
      );
      return;
    }
    send(404, 'no such page');
  });
  return { url, close: closer(server) };
}

export interface FakeKeystone extends LocalServer {
  /** Tokens issued so far, per API version. */
  issued: { v3: number; 'v2.0': number };
  /** Tokens the target server accepts. */
  validTokens: Set<string>;
  /** Lifetime of the tokens issued from now on. */
  lifetimeMs: number;
}

/** A Keystone that knows user `demo` / `demo-secret` in project `ops` (id `p-1`), tenant `t-1`. */
export async function startFakeKeystone(): Promise<FakeKeystone> {
  const state = {
    issued: { v3: 0, 'v2.0': 0 },
    validTokens: new Set<string>(),
    lifetimeMs: 3_600_000,
  };
  const { server, url } = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake reads what Keystone clients send
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const token = randomBytes(8).toString('hex');
      const expires = new Date(Date.now() + state.lifetimeMs).toISOString();
      if (req.method === 'POST' && req.url === '/v3/auth/tokens') {
        const user = body?.auth?.identity?.password?.user;
        const project = body?.auth?.scope?.project;
        const ok =
          user?.name === 'demo' &&
          user?.password === 'demo-secret' &&
          user?.domain?.name === 'Default' &&
          (project?.id === 'p-1' ||
            (project?.name === 'ops' && project?.domain?.name === 'Default'));
        if (!ok)
          return res
            .writeHead(401, { 'content-type': 'application/json' })
            .end('{"error":{"code":401}}');
        state.issued.v3++;
        state.validTokens.add(token);
        res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': token });
        return res.end(JSON.stringify({ token: { expires_at: expires } }));
      }
      if (req.method === 'POST' && req.url === '/v2.0/tokens') {
        const creds = body?.auth?.passwordCredentials;
        const ok =
          creds?.username === 'demo' &&
          creds?.password === 'demo-secret' &&
          (body?.auth?.tenantId === 't-1' || body?.auth?.tenantName === 'ops');
        if (!ok) return res.writeHead(401).end();
        state.issued['v2.0']++;
        state.validTokens.add(token);
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ access: { token: { id: token, expires } } }));
      }
      res.writeHead(404).end();
    });
  });
  return Object.assign(state, { url, close: closer(server) });
}

/**
 * A raw TCP server that answers every request with `count` response headers (written by hand:
 * Node's own HTTP server would not send that many), then a short body.
 */
export async function startHeaderFloodServer(count: number): Promise<LocalServer> {
  const lines = Array.from({ length: count }, (_, i) => `X-Flood-${i}: value-${i}\r\n`).join('');
  const answer = `HTTP/1.1 200 OK\r\n${lines}Content-Length: 2\r\nConnection: close\r\n\r\nok`;
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
