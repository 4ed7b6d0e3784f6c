/**
 * Sends an external command over a livestatus site (`COMMAND <line>`). Plain TypeScript.
 */
import { firstLine, LqlError } from '../sites/lql-client';
import type { LivestatusSite } from '../sites/livestatus-site';
import { CommandRefused } from './command-refused';

/**
 * Sends the line; Icinga's refusal (`452 Error: ...`) is a CommandRefused with Icinga's first
 * line, a site that cannot be reached or answers otherwise an LqlError.
 */
export async function sendLivestatusCommand(site: LivestatusSite, line: string): Promise<void> {
  const client = site.client;
  const reply = await client.request(`COMMAND ${line}`);
  const message = firstLine(reply.body) || `livestatus answered status ${reply.status}`;
  if (reply.status === 400 || reply.status === 451 || reply.status === 452) {
    throw new CommandRefused(false, message);
  }
  if (reply.status !== 200) {
    throw new LqlError('status', site.name, client.address, message, reply.status);
  }
}
