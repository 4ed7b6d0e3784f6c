/**
 * A target's expected HTTP status: one code (`200`), a class (`"2xx"`), or a list of both
 * (`[200, 204]`, `[200, "3xx"]`). Stored in one canonical text (`200`, `2xx`, `200,204`,
 * `200,3xx`) and answered in the shape it was given: a number for one code, a string for one
 * class, a list otherwise. Plain TypeScript, no Nest.
 */

import type { ExpectedStatus } from '../common/expected-status';

export type { ExpectedStatus } from '../common/expected-status';

/** The most entries a list may have. */
export const MAX_EXPECTED_STATUSES = 20;

const CLASS = /^([1-5])xx$/i;

/** The statuses a probe accepts: codes, and classes by their first digit (2 for `2xx`). */
export interface StatusSet {
  codes: readonly number[];
  classes: readonly number[];
  /** The canonical text, as descriptions quote it. */
  text: string;
}

function isCode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** Why `value` is not an expected status, or null when it is one. */
export function expectedStatusError(value: unknown): string | null {
  const entries = Array.isArray(value) ? (value as unknown[]) : [value];
  if (Array.isArray(value) && (entries.length < 1 || entries.length > MAX_EXPECTED_STATUSES)) {
    return `expectedStatus must list 1 to ${MAX_EXPECTED_STATUSES} statuses`;
  }
  const bad = entries.some((e) => !isCode(e) && !(typeof e === 'string' && CLASS.test(e)));
  return bad
    ? 'expectedStatus must be an HTTP status code (100-599), a class like "2xx" (1xx-5xx), or a list of them'
    : null;
}

/**
 * The canonical text of a valid expected status: classes and the codes they do not cover,
 * without repeats, in ascending order.
 */
export function expectedStatusText(value: ExpectedStatus): string {
  const entries = Array.isArray(value) ? value : [value];
  const classes = new Set<number>();
  const codes = new Set<number>();
  for (const e of entries) {
    if (typeof e === 'number') codes.add(e);
    else classes.add(Number(CLASS.exec(e)![1]));
  }
  const kept = [...codes].filter((c) => !classes.has(Math.floor(c / 100)));
  const order = (e: number) => (e < 10 ? e * 100 : e);
  return [...classes, ...kept]
    .sort((a, b) => order(a) - order(b) || a - b)
    .map((e) => (e < 10 ? `${e}xx` : String(e)))
    .join(',');
}

/** The stored text as the API answers it: a number for one code, a string for one class, else a list. */
export function expectedStatusView(text: string): ExpectedStatus {
  const entries = text.split(',').map((e) => (CLASS.test(e) ? e : Number(e)));
  return entries.length === 1 ? entries[0] : entries;
}

/** The stored text taken apart for the probes. */
export function statusSetOf(text: string): StatusSet {
  const codes: number[] = [];
  const classes: number[] = [];
  for (const e of text.split(',')) {
    const cls = CLASS.exec(e);
    if (cls) classes.push(Number(cls[1]));
    else codes.push(Number(e));
  }
  return { codes, classes, text };
}

/** True when a status is one the set accepts. */
export function acceptsStatus(set: StatusSet, status: number): boolean {
  return set.codes.includes(status) || set.classes.includes(Math.floor(status / 100));
}

/** True when every status the text accepts is a redirect (3xx), which a followed redirect never ends on. */
export function onlyRedirects(text: string): boolean {
  const set = statusSetOf(text);
  return set.classes.every((c) => c === 3) && set.codes.every((c) => c >= 300 && c < 400);
}
