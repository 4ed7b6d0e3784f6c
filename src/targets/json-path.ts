/**
 * The JSON path syntax targets use to pick one value out of a JSON answer, the one the probe
 * evaluator reads: `$` is the whole document; otherwise member names separated by dots, with an
 * optional `$.` in front; a number picks an array element. E.g. `status`, `$.checks.0.state`.
 */
export type JsonPathSegment = string;

export class JsonPathError extends Error {}

/** The segments of a path; throws JsonPathError saying what is wrong. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  if (path === '$') return [];
  const rest = path.startsWith('$.') ? path.slice(2) : path;
  if (rest.startsWith('$')) throw new JsonPathError('$ must be alone or followed by a dot');
  const segments = rest.split('.');
  if (segments.some((s) => s === '')) {
    throw new JsonPathError('member names must not be empty (no leading, trailing or double dots)');
  }
  if (segments.some((s) => /^\s|\s$/.test(s))) {
    throw new JsonPathError('member names must not start or end with white space');
  }
  return segments;
}

/** The value at `segments` in `document`, or `undefined` when there is none. */
export function readJsonPath(document: unknown, segments: JsonPathSegment[]): unknown {
  let value = document;
  for (const segment of segments) {
    if (!value || typeof value !== 'object') return undefined;
    if (Array.isArray(value) && !/^(0|[1-9]\d*)$/.test(segment)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
