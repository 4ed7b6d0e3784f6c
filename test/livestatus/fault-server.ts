/**
 * A scripted livestatus peer on a UNIX socket, for the faults a real Icinga 2 cannot produce on
 * demand: never answering, a garbage header, a trickling answer, closing mid-body.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Timers } from '../support/timers';

export type Behaviour =
  | { kind: 'answer'; status?: number; body: string }
  | { kind: 'hang' }
  | { kind: 'close'; then: Behaviour }
  | { kind: 'garbage' }
  | { kind: 'trickle'; body: string; everyMs: number }
  | { kind: 'close-mid-body'; body: string; sendBytes: number };

export function fixed16(status: number, body: string): Buffer {
  const payload = Buffer.from(body, 'utf8');
  const header = `${status} ${String(payload.length).padStart(11, ' ')}\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), payload]);
}

export class FaultServer {
  /** What the next request gets; change it between tests. */
  behaviour: Behaviour = { kind: 'answer', body: '[]' };
  /** Every request received, as text. */
  readonly requests: string[] = [];
  /** Connections open now and the most at once. */
  open = 0;
  maxOpen = 0;
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Timers();

  private constructor(
    private readonly server: Server,
    readonly dir: string,
    readonly socketPath: string,
  ) {}

  static async start(): Promise<FaultServer> {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-fault-'));
    const socketPath = join(dir, 'livestatus');
    const server = createServer();
    const fault = new FaultServer(server, dir, socketPath);
    server.on('connection', (socket) => fault.serve(socket));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    return fault;
  }

  /** Resets counters and the behaviour. */
  reset(behaviour: Behaviour): void {
    this.behaviour = behaviour;
    this.requests.length = 0;
    this.maxOpen = this.open;
    this.connections = 0;
  }

  /** Closes every open connection from the server side. */
  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    this.open++;
    this.connections++;
    // Counted a moment later: this server shares its event loop with vigil, so it may notice a
    // connection vigil already closed after it noticed the next one. Hung connections (the case
    // the cap matters for) stay open far longer than this.
    this.timers.later(() => {
      this.maxOpen = Math.max(this.maxOpen, this.open);
    }, 50);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.open--;
    });
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const request = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        this.requests.push(request);
        this.respond(socket, request);
      }
    });
  }

  private respond(socket: Socket, request: string): void {
    const b = this.behaviour;
    const keepAlive = /^KeepAlive: on$/m.test(request);
    switch (b.kind) {
      case 'hang':
        return;
      case 'close':
        this.behaviour = b.then;
        socket.destroy();
        return;
      case 'garbage':
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
        return;
      case 'answer':
        socket.write(fixed16(b.status ?? 200, b.body));
        if (!keepAlive) socket.end();
        return;
      case 'close-mid-body': {
        const all = fixed16(200, b.body);
        socket.end(all.subarray(0, 16 + b.sendBytes));
        return;
      }
      case 'trickle': {
        const all = fixed16(200, b.body);
        let sent = 0;
        const next = () => {
          if (socket.destroyed || sent >= all.length) return;
          socket.write(all.subarray(sent, sent + 1));
          sent++;
          this.timers.later(next, b.everyMs);
        };
        next();
        return;
      }
    }
  }
}
