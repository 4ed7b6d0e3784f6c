/**
 * Reading a skypunch database: its rows and their mapping to vigil's requests. Plain functions,
 * no I/O: the import command feeds them rows and sends what they return.
 *
 * skypunch's schema (sql/skypunch.sql of skypunch 0.3):
 * - targets(id, name VARCHAR(128), tenantid, status, status_description, previous_status,
 *   last_updated, url, method, authn NONE|BASIC|OPENSTACK, authn_parms, pass_result, frequency,
 *   timeout, pass_count, fail_count, count200, count300, count400, count500, network_fails,
 *   repeated_fails, enabled); pass_result is one HTTP status, vigil's `expectedStatus` as one
 *   code (a redirect expected is not followed); skypunch had no TLS or body settings
 * - authn_parms: `user=..,password=..` for BASIC, plus `osauthendpoint=..,tenantid=..` for
 *   OPENSTACK; skypunch POSTed a Keystone v2.0 request (passwordCredentials and tenantId) to
 *   osauthendpoint as written, so working rows hold the token URL `…/v2.0/tokens`
 * - notifiers(id, name VARCHAR(128), type SMTP, address, params `user=..,password=..,server=..`,
 *   pass_count, fail_count, enabled); skypunch logged in to `server` on port 587 with STARTTLS
 *   and sent with `user` as the envelope sender; pass_count counted mails sent, fail_count mails
 *   that failed
 */
import type { components } from '../../openapi/client';
import { parseKeystoneUrl } from '../targets/keystone-url';

type CreateTarget = components['schemas']['CreateTargetDto'];
type CreateNotifier = components['schemas']['CreateNotifierDto'];
export type TargetState = components['schemas']['ImportTargetStateDto'];
export type NotifierStatistics = components['schemas']['ImportNotifierStatisticsDto'];

type Flag = number | boolean | null;
type Count = number | string | null;

export interface SkypunchTarget {
  id: number;
  name: string;
  url: string;
  method: string | null;
  authn: string | null;
  authn_parms: string | null;
  frequency: number | null;
  timeout: number | null;
  pass_result: number | string | null;
  enabled: Flag;
  status?: string | null;
  status_description?: string | null;
  previous_status?: string | null;
  last_updated?: Date | string | null;
  pass_count?: Count;
  fail_count?: Count;
  count200?: Count;
  count300?: Count;
  count400?: Count;
  count500?: Count;
  network_fails?: Count;
  repeated_fails?: Count;
}

export interface SkypunchNotifier {
  id: number;
  name: string;
  type: string | null;
  address: string | null;
  params: string | null;
  pass_count?: Count;
  fail_count?: Count;
  enabled?: Flag;
}

/** A row mapped to a create request, or the reason it cannot be. */
export type Mapped<T> = { ok: true; body: T; notes: string[] } | { ok: false; reason: string };

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** The longest name skypunch (and vigil) takes. */
export const NAME_MAX = 128;
const STATUSES = ['NEW', 'PASS', 'FAIL'] as const;
const INT_MAX = 2147483647;
/** The port skypunch always sent mail through. */
const SKYPUNCH_SMTP_PORT = 587;

/** `key=value,key=value` as a map (keys lower-cased; a value may contain `=`). */
export function parseParams(text: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    out[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  return out;
}

const enabledOf = (flag: Flag | undefined): boolean =>
  flag === null || flag === undefined ? true : Boolean(Number(flag));

/**
 * The vigil name of every row, in the order given (skypunch id order): its own name, or for the
 * second and later rows of one name (compared as vigil does, ignoring case) `name (2)`,
 * `name (3)`…, cut to fit 128 characters. Decided by the source alone, so every run of the
 * import gives each row the same name.
 */
export function vigilNames(rows: { name: string | null }[]): string[] {
  const names = rows.map((r) => (r.name ?? '').trim().slice(0, NAME_MAX));
  const taken = new Set<string>();
  const firsts = new Set<number>();
  names.forEach((name, i) => {
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      firsts.add(i);
    }
  });
  return names.map((name, i) => {
    if (firsts.has(i) || !name) return name;
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`;
      const candidate = `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  });
}

type OpenStackAuth = components['schemas']['OpenStackAuthDto'];

function openstackAuth(
  p: Record<string, string>,
  notes: string[],
): OpenStackAuth | { reason: string } {
  if (!p.user || !p.password || !p.osauthendpoint || !p.tenantid) {
    return {
      reason: 'invalid Openstack / Keystone authn params (user,password,tenantid,osauthendpoint)',
    };
  }
  if (!/^https?:\/\//i.test(p.osauthendpoint)) {
    return { reason: 'invalid Openstack / Keystone endpoint protocol' };
  }
  const named = parseKeystoneUrl(p.osauthendpoint).version;
  // skypunch spoke v2.0 to whatever URL it was given
  const version = named ?? 'v2.0';
  if (!named) notes.push('osauthendpoint names no Keystone version: v2.0, as skypunch spoke');
  return {
    type: 'OPENSTACK',
    authUrl: p.osauthendpoint,
    username: p.user,
    password: p.password,
    keystoneVersion: version,
    ...(version === 'v2.0' ? { tenantId: p.tenantid } : { projectId: p.tenantid }),
  };
}

/** The create request of a target row, or why skypunch itself could not probe it. */
export function mapTarget(row: SkypunchTarget, name: string): Mapped<CreateTarget> {
  const notes: string[] = [];
  const method = (row.method ?? 'GET').trim().toUpperCase() || 'GET';
  if (!METHODS.includes(method)) return { ok: false, reason: `method ${method} is not supported` };
  if (!name) return { ok: false, reason: 'it has no name' };
  const url = (row.url ?? '').trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: `target protocol ${scheme ?? '(none)'} not supported` };
  }
  const body: CreateTarget = { name, url, method: method as CreateTarget['method'] };
  const authn = (row.authn ?? 'NONE').trim().toUpperCase();
  const p = parseParams(row.authn_parms);
  if (authn === 'NONE' || authn === '') {
    body.auth = { type: 'NONE' };
  } else if (authn === 'BASIC') {
    if (!p.user || !p.password) {
      return { ok: false, reason: 'invalid BASIC authn params (user and password required)' };
    }
    body.auth = { type: 'BASIC', username: p.user, password: p.password };
  } else if (authn === 'OPENSTACK') {
    const auth = openstackAuth(p, notes);
    if ('reason' in auth) return { ok: false, reason: auth.reason };
    body.auth = auth;
  } else {
    return { ok: false, reason: `authn ${authn} is not supported` };
  }
  const frequency = Number(row.frequency);
  if (row.frequency != null && Number.isInteger(frequency) && frequency >= 1) {
    body.frequencySeconds = Math.min(frequency, 86400);
    if (frequency > 86400) notes.push(`frequency ${frequency} s capped at 86400 s`);
  }
  const timeout = Number(row.timeout);
  if (row.timeout != null && Number.isInteger(timeout) && timeout >= 1) {
    const limit = Math.min(300, body.frequencySeconds ?? 60);
    body.timeoutSeconds = Math.min(timeout, limit);
    if (timeout > limit) notes.push(`timeout ${timeout} s capped at ${limit} s`);
  } else if ((body.frequencySeconds ?? 60) < 10) {
    body.timeoutSeconds = body.frequencySeconds;
  }
  const expected = Number(row.pass_result);
  if (row.pass_result != null && row.pass_result !== '') {
    if (!Number.isInteger(expected) || expected < 100 || expected > 599) {
      return { ok: false, reason: `pass_result ${String(row.pass_result)} is not an HTTP status` };
    }
    body.expectedStatus = expected;
    // a redirect is what such a target answers: it is not followed
    if (expected >= 300 && expected < 400) body.followRedirects = false;
  }
  body.enabled = enabledOf(row.enabled);
  return { ok: true, body, notes };
}

const statusOf = (value: string | null | undefined) => {
  const s = (value ?? '').trim().toUpperCase();
  return (STATUSES as readonly string[]).includes(s) ? (s as TargetState['status']) : null;
};

/**
 * Reads a row's counter columns as vigil stores them: a missing, negative or unreadable value as
 * 0, one beyond vigil's range capped (and said so in `notes`).
 */
function counter<R extends object>(row: R, notes: string[]) {
  return (column: keyof R & string): number => {
    const n = Number(row[column] ?? 0);
    if (!Number.isFinite(n) || n < 0) return 0;
    if (n > INT_MAX) notes.push(`${column} ${n} capped at ${INT_MAX}`);
    return Math.min(Math.trunc(n), INT_MAX);
  };
}

/** skypunch's status, previous status, last update and counters, as vigil's target state. */
export function mapTargetState(row: SkypunchTarget): { state: TargetState; notes: string[] } {
  const notes: string[] = [];
  const count = counter(row, notes);
  const updated = row.last_updated ? new Date(row.last_updated) : null;
  const state: TargetState = {
    status: statusOf(row.status) ?? 'NEW',
    statusDescription: row.status_description?.slice(0, 1024) || null,
    previousStatus: statusOf(row.previous_status),
    passCount: count('pass_count'),
    failCount: count('fail_count'),
    status2xxCount: count('count200'),
    status3xxCount: count('count300'),
    status4xxCount: count('count400'),
    status5xxCount: count('count500'),
    networkFailCount: count('network_fails'),
    repeatedFailCount: count('repeated_fails'),
  };
  if (updated && !Number.isNaN(updated.getTime())) state.lastUpdated = updated.toISOString();
  return { state, notes };
}

/** skypunch's mails sent (`pass_count`) and failed (`fail_count`), as vigil's notifier counts. */
export function mapNotifierStatistics(row: SkypunchNotifier): {
  statistics: NotifierStatistics;
  notes: string[];
} {
  const notes: string[] = [];
  const count = counter(row, notes);
  return {
    statistics: { sentCount: count('pass_count'), failedCount: count('fail_count') },
    notes,
  };
}

/** The create request of a notifier row, or why skypunch itself could not send with it. */
export function mapNotifier(
  row: SkypunchNotifier,
  name: string,
  smtpFrom?: string,
): Mapped<CreateNotifier> {
  const type = (row.type ?? 'SMTP').trim().toUpperCase();
  if (type !== 'SMTP') return { ok: false, reason: `notifier type ${type} is not supported` };
  if (!name) return { ok: false, reason: 'it has no name' };
  const address = (row.address ?? '')
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
  if (!address.length) return { ok: false, reason: 'it has no address' };
  const p = parseParams(row.params);
  if (!p.user || !p.password || !p.server) {
    return { ok: false, reason: 'user or password or server not defined in params' };
  }
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(p.server);
  if (!m) return { ok: false, reason: `params server ${p.server} is not host[:port]` };
  const port = m[2] ? Number(m[2]) : SKYPUNCH_SMTP_PORT;
  const notes: string[] = [];
  let from = smtpFrom;
  if (!from) {
    if (p.user.includes('@')) from = p.user;
    else {
      from = `vigil@${m[1]}`;
      notes.push(`user ${p.user} is no address: sender ${from} (--smtp-from to choose)`);
    }
  }
  const body: CreateNotifier = {
    name,
    type: 'SMTP',
    address,
    enabled: enabledOf(row.enabled),
    smtp: {
      host: m[1],
      port,
      security: port === 465 ? 'tls' : 'starttls',
      username: p.user,
      password: p.password,
      from,
    },
  };
  return { ok: true, body, notes };
}
