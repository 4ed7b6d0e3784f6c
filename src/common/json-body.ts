/** How deeply objects and arrays may nest in a request body. */
export const MAX_JSON_DEPTH = 64;

/** What is wrong with a parsed JSON body, named by the dotted path of the member. */
export interface JsonFault {
  field: string;
  message: string;
}

/** A lone surrogate: with the `u` flag a well-formed pair is one code point, never `Cs`. */
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;
const MAX_SEGMENT = 64;

function join(path: string, key: string): string {
  let shown = key.replace(LONE_SURROGATES, '\uFFFD');
  if (shown.length > MAX_SEGMENT) shown = `${shown.slice(0, MAX_SEGMENT)}…`;
  return path ? `${path}.${shown}` : shown;
}

interface Item {
  value: unknown;
  /** The dotted path of this value. */
  path: string;
  /** The path of the top-level member it is in (named when it nests too deep). */
  top: string;
  depth: number;
}

/**
 * The first thing in a parsed JSON body that no handler should ever see: objects or arrays
 * nested deeper than `maxDepth` (class-transformer and class-validator recurse and would overflow
 * the stack), or a string or member name holding an unpaired UTF-16 surrogate (`"\ud800"`:
 * valid JSON, but no Unicode text, so it cannot be encoded as UTF-8 for the database, Icinga or
 * a mail, and validators such as isEmail throw on it).
 *
 * Walks with an explicit stack, never recursion, so no body can overflow it. Null when the body
 * is fine.
 */
export function findJsonFault(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonFault | null {
  const stack: Item[] = [{ value, path: '', top: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: current, path, top, depth } = item;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) {
        return { field: path || 'body', message: 'must not contain an unpaired UTF-16 surrogate' };
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth === maxDepth) {
      return {
        field: top || 'body',
        message: `must not nest objects and arrays more than ${maxDepth} levels deep`,
      };
    }
    const entries: [string, unknown][] = Array.isArray(current)
      ? current.map((v, i) => [String(i), v])
      : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, member] = entries[i];
      const memberPath = join(path, key);
      if (LONE_SURROGATE.test(key)) {
        return {
          field: memberPath,
          message: 'member name must not contain an unpaired UTF-16 surrogate',
        };
      }
      stack.push({ value: member, path: memberPath, top: top || memberPath, depth: depth + 1 });
    }
  }
  return null;
}
