/**
 * Livestatus sites as configured: a name and the address of a livestatus socket.
 * Plain TypeScript, read by src/config when it validates the environment.
 */

export type SiteAddress =
  { type: 'unix'; path: string } | { type: 'tcp'; host: string; port: number };

export interface SiteConfig {
  name: string;
  address: SiteAddress;
}

/** Icinga 2's default livestatus socket on Debian and most packages. */
export const DEFAULT_LIVESTATUS_SOCKET = '/var/run/icinga2/cmd/livestatus';

export const DEFAULT_SITES: readonly SiteConfig[] = [
  { name: 'local', address: { type: 'unix', path: DEFAULT_LIVESTATUS_SOCKET } },
];

export const SITE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `unix:/path` or `tcp:host:port`, as written in configuration and shown to callers. */
export function formatAddress(address: SiteAddress): string {
  if (address.type === 'unix') return `unix:${address.path}`;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `tcp:${host}:${address.port}`;
}

function parseAddress(text: string): SiteAddress | string {
  if (text.startsWith('unix:')) {
    const path = text.slice(5);
    if (!path.startsWith('/')) return 'a UNIX socket must be an absolute path (unix:/path)';
    return { type: 'unix', path };
  }
  if (text.startsWith('tcp:')) {
    const match = /^tcp:(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text);
    const port = match ? Number(match[3]) : 0;
    if (!match || port < 1 || port > 65535) {
      return 'a TCP address must be tcp:<host>:<port> with a port from 1 to 65535';
    }
    return { type: 'tcp', host: match[1] ?? match[2], port };
  }
  return 'the address must start with unix: or tcp:';
}

/**
 * Parses `name=unix:/path,name2=tcp:host:port` (commas or new lines between sites).
 * Each problem is pushed to `problems`, naming `key`.
 */
export function parseSites(text: string, key: string, problems: string[]): SiteConfig[] {
  const sites: SiteConfig[] = [];
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    problems.push(`${key}: must name at least one site as name=unix:/path or name=tcp:host:port`);
  }
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!SITE_NAME.test(name)) {
      problems.push(
        `${key}: "${entry}" must be name=unix:/path or name=tcp:host:port, the name 1-64 letters, digits, _ or -`,
      );
      continue;
    }
    const address = parseAddress(entry.slice(eq + 1).trim());
    if (typeof address === 'string') {
      problems.push(`${key}: site ${name}: ${address}`);
      continue;
    }
    if (sites.some((site) => site.name === name)) {
      problems.push(`${key}: site ${name} is defined twice`);
      continue;
    }
    sites.push({ name, address });
  }
  return sites;
}
