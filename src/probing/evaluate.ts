import { acceptsStatus } from '../targets/expected-status';
import type { ProbeExpectations } from './probe-spec';
import type { RegexVerdict } from './regex-thread';

/** The verdict on an HTTP answer: `null` when it meets every expectation. */
export interface Mismatch {
  kind: 'status' | 'body' | 'json' | 'slow' | 'certificate';
  description: string;
}

/** True when an expectation needs the response body to be read. */
export function needsBody(expect: ProbeExpectations): boolean {
  return (
    expect.bodyContains !== undefined ||
    expect.bodyNotContains !== undefined ||
    expect.bodyRegex !== undefined ||
    expect.jsonPath !== undefined ||
    expect.jsonEquals !== undefined
  );
}

function valueAt(root: unknown, path: string | undefined): { found: boolean; value: unknown } {
  const parts = (path ?? '')
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  let current: unknown = root;
  for (const part of parts) {
    if (current !== null && typeof current === 'object' && part in current) {
      current = (current as Record<string, unknown>)[part];
    } else return { found: false, value: undefined };
  }
  return { found: true, value: current };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The most of a value that a description quotes. */
export const QUOTE_LIMIT = 64;

/** Said instead of a value that contains (or is part of) a credential the request carried. */
export const WITHHELD = 'value withheld: it echoes a request credential';

/** Credentials shorter than this are not looked for (a header `X-Debug: 1` would hide every 1). */
const MIN_CREDENTIAL = 4;

/** True when the text contains a credential the request carried, or is a good part of one. */
function echoes(text: string, credentials: readonly string[]): boolean {
  return credentials.some((c) => {
    if (c.length < MIN_CREDENTIAL) return false;
    const escaped = JSON.stringify(c).slice(1, -1);
    return text.includes(c) || text.includes(escaped) || (text.length >= 8 && c.includes(text));
  });
}

/**
 * A value as a description may quote it: as JSON, cut to its first 64 characters, and
 * withheld altogether when it echoes a credential of the request (a target that reflects its
 * request headers would otherwise put them into results, the probe log and mail).
 */
export function quote(value: unknown, credentials: readonly string[]): string {
  const json = JSON.stringify(value) ?? 'undefined';
  if (echoes(json, credentials) || (typeof value === 'string' && echoes(value, credentials))) {
    return `(${WITHHELD})`;
  }
  return json.length > QUOTE_LIMIT ? `${json.slice(0, QUOTE_LIMIT)}…` : json;
}

/** A pattern as a description quotes it: between slashes, cut like any quoted value. */
function quotePattern(source: string, credentials: readonly string[]): string {
  if (echoes(source, credentials)) return `(${WITHHELD})`;
  return source.length > QUOTE_LIMIT ? `/${source.slice(0, QUOTE_LIMIT)}…/` : `/${source}/`;
}

/** True when the status is one the expectations accept. */
export function statusExpected(expect: ProbeExpectations, status: number): boolean {
  const set = expect.expectedStatuses;
  return set === undefined ? status === expect.expectedStatus : acceptsStatus(set, status);
}

const DAY_MS = 86_400_000;

/**
 * The mismatch of a certificate that expires within `days` of `now`, named in whole days
 * (rounded up); null when it lasts longer.
 */
export function certificateMismatch(
  expiresAt: Date,
  days: number,
  now = Date.now(),
): Mismatch | null {
  const left = expiresAt.getTime() - now;
  if (left >= days * DAY_MS) return null;
  const date = expiresAt.toISOString();
  if (left <= 0) return { kind: 'certificate', description: `certificate expired on ${date}` };
  const n = Math.ceil(left / DAY_MS);
  return {
    kind: 'certificate',
    description: `certificate expires in ${n} day${n === 1 ? '' : 's'} (${date})`,
  };
}

/** An HTTP answer as the evaluator sees it. */
export interface EvaluatedAnswer {
  status: number;
  responseTimeMs: number;
  body?: string;
  /** What the body regex made of the body (see RegexThread); needed when there is one. */
  bodyRegex?: RegexVerdict;
}

/** The mismatch a body regex verdict is, or null when the body matched. */
function regexMismatch(
  source: string,
  verdict: RegexVerdict | undefined,
  credentials: readonly string[],
): Mismatch | null {
  switch (verdict?.kind) {
    case 'match':
      return null;
    case 'no-match':
      return {
        kind: 'body',
        description: `body mismatch: does not match ${quotePattern(source, credentials)}`,
      };
    case 'invalid':
      return {
        kind: 'body',
        description: `body regex refused by RE2 (${verdict.reason}): change the target's bodyRegex`,
      };
    case 'too-slow':
      return {
        kind: 'body',
        description: `body regex too slow: over ${verdict.budgetMs} ms on this body, not run again for a while`,
      };
    default:
      return { kind: 'body', description: 'body regex not evaluated: the regex thread is busy' };
  }
}

/**
 * Checks an answer against the expectations, in the order status, response time, body text
 * (contained, then not contained), body regex, JSON value; the first unmet one is the failure. `credentials` gives the values
 * the request carried in its headers (and the passwords behind them): a description never
 * quotes a value that contains one.
 */
export function evaluate(
  expect: ProbeExpectations,
  answer: EvaluatedAnswer,
  credentials: () => readonly string[] = () => [],
): Mismatch | null {
  if (!statusExpected(expect, answer.status)) {
    const set = expect.expectedStatuses;
    return {
      kind: 'status',
      description:
        set === undefined
          ? `target status:${answer.status} != ${expect.expectedStatus}`
          : `target status:${answer.status} not in ${set.text}`,
    };
  }
  if (expect.maxResponseTimeMs !== undefined && answer.responseTimeMs > expect.maxResponseTimeMs) {
    return {
      kind: 'slow',
      description: `too slow: ${Math.round(answer.responseTimeMs)} ms > ${expect.maxResponseTimeMs} ms`,
    };
  }
  const body = answer.body ?? '';
  if (expect.bodyContains !== undefined && !body.includes(expect.bodyContains)) {
    return {
      kind: 'body',
      description: `body mismatch: does not contain ${quote(expect.bodyContains, credentials())}`,
    };
  }
  if (expect.bodyNotContains !== undefined && body.includes(expect.bodyNotContains)) {
    return {
      kind: 'body',
      description: `body mismatch: contains ${quote(expect.bodyNotContains, credentials())}`,
    };
  }
  if (expect.bodyRegex !== undefined) {
    const mismatch = regexMismatch(expect.bodyRegex, answer.bodyRegex, credentials());
    if (mismatch) return mismatch;
  }
  if (expect.jsonPath !== undefined || expect.jsonEquals !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { kind: 'json', description: 'JSON mismatch: the body is not JSON' };
    }
    const at = valueAt(parsed, expect.jsonPath);
    const where = expect.jsonPath ? ` at ${expect.jsonPath}` : '';
    if (!at.found) return { kind: 'json', description: `JSON mismatch: nothing${where}` };
    if (expect.jsonEquals !== undefined && !sameJson(at.value, expect.jsonEquals)) {
      const sent = credentials();
      return {
        kind: 'json',
        description: `JSON mismatch${where}: ${quote(at.value, sent)} != ${quote(expect.jsonEquals, sent)}`,
      };
    }
  }
  return null;
}
