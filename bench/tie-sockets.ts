import type { Socket } from 'node:net';

/**
 * Ties a proxied connection to its upstream: either one ending or failing closes both, once,
 * and `closed` is told then.
 */
export function tieSockets(client: Socket, upstream: Socket, closed: () => void): void {
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    client.destroy();
    upstream.destroy();
    closed();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', close);
    socket.on('close', close);
  }
}
