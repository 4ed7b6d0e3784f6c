/**
 * Monitoring sites as configured: a name and where the site answers, a livestatus socket (UNIX or
 * TCP) or an Icinga 2 REST API, with the API's credentials and CA. Plain TypeScript, read by
 * the sites' configuration slice (sites.config.ts).
 */
import { readFileSync } from 'node:fs';

export type LivestatusAddress =
  { type: 'unix'; path: string } | { type: 'tcp'; host: string; port: number };

/** An Icinga 2 REST API: `url` is `https://<host>:<port>`, nothing more. */
export type ApiAddress = { type: 'icinga2'; url: string };

export type SiteAddress = LivestatusAddress | ApiAddress;

/** How vigil talks to a site: a livestatus socket, or the Icinga 2 REST API. */
export const SITE_KINDS = ['livestatus', 'icinga2'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** The kinds as API documentation describes them. */
export const SITE_KINDS_DESCRIPTION =
  'How vigil talks to the site: `livestatus`, a livestatus socket (UNIX or TCP); `icinga2`, ' +
  'the Icinga 2 REST API.';

/** How vigil logs in to an Icinga 2 API site. `password` is a secret: never shown. */
export interface ApiSiteSettings {
  user: string;
  password: string;
  /** PEM of the Icinga CA, read from `caFile`. */
  ca: string;
  caFile: string;
  /** The name the node's certificate is checked against, when not the URL's host. */
  servername?: string;
}

export interface SiteConfig {
  name: string;
  address: SiteAddress;
  /** For an Icinga 2 API site only. */
  api?: ApiSiteSettings;
}

/** Icinga 2's default livestatus socket on Debian and most packages. */
export const DEFAULT_LIVESTATUS_SOCKET = '/var/run/icinga2/cmd/livestatus';

export const DEFAULT_SITES: readonly SiteConfig[] = [
  { name: 'local', address: { type: 'unix', path: DEFAULT_LIVESTATUS_SOCKET } },
];

export const SITE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Icinga 2's API port when the URL names none. */
export const DEFAULT_API_PORT = 5665;

const SITE_FORMS = 'name=unix:/path, name=tcp:host:port or name=icinga2:https://host:port';

export function siteKind(address: SiteAddress): SiteKind {
  return address.type === 'icinga2' ? 'icinga2' : 'livestatus';
}

/** `unix:/path`, `tcp:host:port` or `icinga2:https://host:port`, as written in configuration. */
export function formatAddress(address: SiteAddress): string {
  if (address.type === 'unix') return `unix:${address.path}`;
  if (address.type === 'icinga2') return `icinga2:${address.url}`;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `tcp:${host}:${address.port}`;
}

function parseApiUrl(text: string): ApiAddress | string {
  const problem =
    'an Icinga 2 API site must be icinga2:https://<host>:<port>, nothing after the port';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return problem;
  }
  if (url.protocol !== 'https:') return `${problem} (the API speaks only https)`;
  if (url.username || url.password)
    return `${problem}; credentials go in VIGIL_SITE_<NAME>_USER/_PASSWORD`;
  if (url.pathname !== '/' || url.search || url.hash || text.endsWith('/')) return problem;
  const port = url.port ? Number(url.port) : DEFAULT_API_PORT;
  return { type: 'icinga2', url: `https://${url.hostname}:${port}` };
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
  if (text.startsWith('icinga2:')) return parseApiUrl(text.slice(8));
  return 'the address must start with unix:, tcp: or icinga2:';
}

/**
 * Parses `name=unix:/path,name2=tcp:host:port,name3=icinga2:https://host:port` (commas or new
 * lines between sites). Each problem is pushed to `problems`, naming `key`. API sites still need
 * their settings (readApiSettings).
 */
export function parseSites(text: string, key: string, problems: string[]): SiteConfig[] {
  const sites: SiteConfig[] = [];
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    problems.push(`${key}: must name at least one site as ${SITE_FORMS}`);
  }
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!SITE_NAME.test(name)) {
      problems.push(
        `${key}: "${entry}" must be ${SITE_FORMS}, the name 1-64 letters, digits, _ or -`,
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

/** The settings an API site reads, after `VIGIL_SITE_<NAME>_`. */
export const API_SITE_SETTINGS = [
  'USER',
  'PASSWORD',
  'PASSWORD_FILE',
  'CA_FILE',
  'TLS_SERVERNAME',
] as const;

/** `VIGIL_SITE_<NAME>_`: the site's name upper-cased, `-` written as `_`. */
export function siteSettingPrefix(name: string): string {
  return `VIGIL_SITE_${name.toUpperCase().replace(/-/g, '_')}_`;
}

/** Every setting key the configured API sites read. */
export function apiSiteKeys(sites: readonly SiteConfig[]): string[] {
  return sites
    .filter((site) => site.address.type === 'icinga2')
    .flatMap((site) => API_SITE_SETTINGS.map((s) => `${siteSettingPrefix(site.name)}${s}`));
}

const SERVERNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

function readFile(key: string, path: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`${key}: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    return undefined;
  }
}

/**
 * Reads the user, password, CA and TLS servername of each API site from `settings`
 * (`VIGIL_SITE_<NAME>_*`, text values) into the site. A problem names the key, never a password.
 */
export function readApiSettings(
  sites: SiteConfig[],
  settings: Record<string, unknown>,
  problems: string[],
): void {
  const prefixes = new Map<string, string>();
  for (const site of sites) {
    const prefix = siteSettingPrefix(site.name);
    const other = prefixes.get(prefix);
    if (other !== undefined && site.address.type === 'icinga2') {
      problems.push(`sites ${other} and ${site.name} would both read ${prefix}*: rename one`);
    }
    prefixes.set(prefix, site.name);
    if (site.address.type !== 'icinga2') continue;
    const text = (setting: (typeof API_SITE_SETTINGS)[number]): string | undefined => {
      const value = settings[`${prefix}${setting}`];
      if (value === undefined || value === '') return undefined;
      if (typeof value !== 'string') {
        problems.push(`${prefix}${setting}: must be text`);
        return undefined;
      }
      return value;
    };
    const user = text('USER');
    const inline = text('PASSWORD');
    const passwordFile = text('PASSWORD_FILE');
    const caFile = text('CA_FILE');
    const servername = text('TLS_SERVERNAME');
    const before = problems.length;
    if (user === undefined)
      problems.push(`${prefix}USER: needed by Icinga 2 API site ${site.name}`);
    else if (/[:\r\n\0]/.test(user))
      problems.push(`${prefix}USER: must not contain :, CR, LF or NUL`);
    if (inline !== undefined && passwordFile !== undefined) {
      problems.push(`${prefix}PASSWORD and ${prefix}PASSWORD_FILE: set only one of them`);
    } else if (inline === undefined && passwordFile === undefined) {
      problems.push(
        `${prefix}PASSWORD or ${prefix}PASSWORD_FILE: needed by Icinga 2 API site ${site.name}`,
      );
    }
    const password =
      inline ??
      (passwordFile === undefined
        ? undefined
        : readFile(`${prefix}PASSWORD_FILE`, passwordFile, problems)?.replace(/\r?\n$/, ''));
    if (password === '') problems.push(`${prefix}PASSWORD_FILE: ${passwordFile} is empty`);
    let ca: string | undefined;
    if (caFile === undefined) {
      problems.push(
        `${prefix}CA_FILE: needed by Icinga 2 API site ${site.name} (the PEM of the Icinga CA; certificates are always verified)`,
      );
    } else {
      ca = readFile(`${prefix}CA_FILE`, caFile, problems);
      if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push(`${prefix}CA_FILE: ${caFile} holds no PEM certificate`);
        ca = undefined;
      }
    }
    if (servername !== undefined && !SERVERNAME.test(servername)) {
      problems.push(
        `${prefix}TLS_SERVERNAME: must be a host name (got ${JSON.stringify(servername)})`,
      );
    }
    if (problems.length > before || !user || !password || !ca || !caFile) continue;
    site.api = { user, password, ca, caFile, ...(servername ? { servername } : {}) };
  }
}
