/**
 * Reading a skypunch database: its rows and their mapping to vigil's create requests.
 * Plain functions, no I/O: the import command feeds them rows and sends what they return.
 *
 * Assumptions about skypunch's schema (from its documented columns):
 * - targets(id, name, url, method, authn ENUM('NONE','BASIC','OPENSTACK'), authn_parms,
 *   frequency (seconds), timeout (seconds), pass_result (expected HTTP status), enabled, status, …)
 * - authn_parms: `user=..,password=..` for BASIC, plus `osauthendpoint=..,tenantid=..` for
 *   OPENSTACK (a Keystone URL ending in /v2.0 means Keystone v2.0, else v3)
 * - notifiers(id, name, type, address, params, …) with type SMTP, address one or more e-mail
 *   addresses separated by `,` or `;`, params `user=..,password=..,server=host[:port]`
 */
import type { components } from '../../openapi/client';

type CreateTarget = components['schemas']['CreateTargetDto'];
type CreateNotifier = components['schemas']['CreateNotifierDto'];

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
  enabled: number | boolean | null;
}

export interface SkypunchNotifier {
  id: number;
  name: string;
  type: string | null;
  address: string | null;
  params: string | null;
}

/** A row mapped to a create request, or the reason it cannot be. */
export type Mapped<T> = { ok: true; body: T; notes: string[] } | { ok: false; reason: string };

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

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

export function mapTarget(row: SkypunchTarget): Mapped<CreateTarget> {
  const notes: string[] = [];
  const method = (row.method ?? 'GET').trim().toUpperCase() || 'GET';
  if (!METHODS.includes(method)) return { ok: false, reason: `method ${method} is not supported` };
  if (!row.name?.trim()) return { ok: false, reason: 'it has no name' };
  if (!row.url?.trim()) return { ok: false, reason: 'it has no url' };
  const body: CreateTarget = {
    name: row.name.trim(),
    url: row.url.trim(),
    method: method as CreateTarget['method'],
  };
  const authn = (row.authn ?? 'NONE').toUpperCase();
  const p = parseParams(row.authn_parms);
  if (authn === 'NONE' || authn === '') {
    body.auth = { type: 'NONE' };
  } else if (authn === 'BASIC') {
    if (!p.user) return { ok: false, reason: 'BASIC authn_parms has no user' };
    body.auth = { type: 'BASIC', username: p.user, password: p.password };
  } else if (authn === 'OPENSTACK') {
    if (!p.user || !p.osauthendpoint) {
      return { ok: false, reason: 'OPENSTACK authn_parms needs user and osauthendpoint' };
    }
    const v2 = /\/v2\.0\/?$/.test(p.osauthendpoint);
    body.auth = {
      type: 'OPENSTACK',
      authUrl: p.osauthendpoint,
      username: p.user,
      password: p.password,
      keystoneVersion: v2 ? 'v2.0' : 'v3',
      ...(p.tenantid ? (v2 ? { tenantId: p.tenantid } : { projectId: p.tenantid }) : {}),
    };
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
  }
  body.enabled = row.enabled === null ? true : Boolean(Number(row.enabled));
  return { ok: true, body, notes };
}

export function mapNotifier(row: SkypunchNotifier, smtpFrom?: string): Mapped<CreateNotifier> {
  const type = (row.type ?? 'SMTP').toUpperCase();
  if (type !== 'SMTP' && type !== 'EMAIL')
    return { ok: false, reason: `type ${type} is not supported` };
  if (!row.name?.trim()) return { ok: false, reason: 'it has no name' };
  const address = (row.address ?? '')
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
  if (!address.length) return { ok: false, reason: 'it has no address' };
  const p = parseParams(row.params);
  const body: CreateNotifier = { name: row.name.trim(), type: 'SMTP', address };
  const notes: string[] = [];
  if (p.server) {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(p.server);
    if (!m) return { ok: false, reason: `params server ${p.server} is not host[:port]` };
    const port = m[2] ? Number(m[2]) : undefined;
    const from = smtpFrom ?? (p.user?.includes('@') ? p.user : `vigil@${m[1]}`);
    if (!smtpFrom) notes.push(`sender ${from} (use --smtp-from to choose)`);
    body.smtp = {
      host: m[1],
      port,
      security: port === 465 ? 'tls' : 'starttls',
      ...(p.user ? { username: p.user, password: p.password } : {}),
      from,
    };
  } else {
    notes.push('no SMTP server in params: vigil sends with its default mail settings');
  }
  return { ok: true, body, notes };
}
