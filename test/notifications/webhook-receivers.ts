import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  method: string;
  /** Path and query, e.g. `/hook/json?token=…`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * How the receiver answers: `ok` 200, `unavailable` 503, `echo` 500 with the request's path and
 * Authorization header in the body (a receiver that repeats the secrets it was sent), `hang` never.
 */
export type ReceiverMode = 'ok' | 'unavailable' | 'echo' | 'hang';

export interface WebhookReceiver {
  port: number;
  /** Base URL, e.g. http://127.0.0.1:39123 */
  url: string;
  /** Every request received, answered or not, in order. */
  received: ReceivedPost[];
  mode: ReceiverMode;
  close(): Promise<void>;
}

/** An HTTP receiver on 127.0.0.1 that keeps every request; `port` brings a stopped one back. */
export async function startWebhookReceiver(
  options: { port?: number; mode?: ReceiverMode } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  const receiver = { mode: options.mode ?? 'ok' } as WebhookReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const post = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(post);
      switch (receiver.mode) {
        case 'ok':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          return;
        case 'unavailable':
          res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
          return;
        case 'echo':
          res
            .writeHead(500, { 'content-type': 'text/plain' })
            .end(`cannot handle ${post.path} with authorization ${post.headers.authorization}`);
          return;
        case 'hang':
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
