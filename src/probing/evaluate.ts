import type { ProbeExpectations } from './probe-spec';

/** The verdict on an HTTP answer: `null` when it meets every expectation. */
export interface Mismatch {
  kind: 'status' | 'body' | 'json' | 'slow';
  description: string;
}

/** True when an expectation needs the response body to be read. */
export function needsBody(expect: ProbeExpectations): boolean {
  return (
    expect.bodyContains !== undefined ||
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

function show(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Checks an answer against the expectations, in the order status, response time, body text,
 * body regex, JSON value; the first unmet one is the failure.
 */
export function evaluate(
  expect: ProbeExpectations,
  answer: { status: number; responseTimeMs: number; body?: string },
): Mismatch | null {
  if (answer.status !== expect.expectedStatus) {
    return {
      kind: 'status',
      description: `target status:${answer.status} != ${expect.expectedStatus}`,
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
      description: `body mismatch: does not contain ${show(expect.bodyContains)}`,
    };
  }
  if (expect.bodyRegex !== undefined && !new RegExp(expect.bodyRegex).test(body)) {
    return { kind: 'body', description: `body mismatch: does not match /${expect.bodyRegex}/` };
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
      return {
        kind: 'json',
        description: `JSON mismatch${where}: ${show(at.value)} != ${show(expect.jsonEquals)}`,
      };
    }
  }
  return null;
}
