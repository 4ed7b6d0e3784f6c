/**
 * Hostile requests generated from the OpenAPI spec for the API fuzz test: a plausible request for
 * an operation (built from its schemas, so that it gets past the first check) with one to three
 * parts replaced by hostile values. Deterministic for a seed.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
  /** Statuses the spec documents for the operation. */
  statuses: Set<number>;
}

export interface OpenApi {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Schema> };
}

export interface HostileRequest {
  method: string;
  /** Path and query, percent-encoded. */
  url: string;
  /** The body as sent (may be invalid JSON on purpose), or undefined for none. */
  body?: string;
  /** What was done to the request, for the failure report. */
  mutations: string[];
}

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function operationsOf(spec: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> })?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId as string,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema,
        statuses: new Set(Object.keys(op.responses as object).map(Number)),
      });
    }
  }
  return ops;
}

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** Values no field expects; strings among them also serve as query and path values. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -2147483649,
  2147483648,
  2 ** 53 + 2,
  1e308,
  -1e308,
  '',
  ' ',
  'a'.repeat(70_000),
  '\ud800',
  'x\udc00y',
  '😀 ünïcødé ﷽',
  '\u202eevil',
  'nul\u0000byte',
  'line\r\nbreak',
  'GET hosts\n\nCOMMAND [1] SHUTDOWN_PROGRAM',
  "' OR 1=1 --",
  '%s%n%x',
  '$`$&</script>',
  '../../etc/passwd',
  '99999999999999999999',
  '-1',
  '1e309',
  '0x10',
  'NaN',
  [],
  [null],
  {},
  { constructor: { prototype: { polluted: true } } },
  nested(70),
  nested(3000),
];

/** As JSON text, parsed afresh for each use (JSON.parse, unlike structuredClone, does not recurse). */
const HOSTILE_JSON = HOSTILE_VALUES.map((v) => JSON.stringify(v));

const HOSTILE_TEXT: string[] = [
  '',
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e309',
  '99999999999999999999',
  '2147483648',
  'abc',
  ' 1',
  'null',
  'true',
  'a'.repeat(10_000),
  '\ud800',
  '😀',
  'nul\u0000',
  'line\r\nbreak',
  '%ff',
  '%ED%A0%80',
  '%',
  '[]',
  '{"a":1}',
];

/** Values that pass the first checks of fields with these names. */
const PLAUSIBLE_BY_NAME: Record<string, () => unknown> = {
  url: () => 'http://127.0.0.1:9/',
  authUrl: () => 'http://127.0.0.1:9/v3',
  address: () => ['ops@example.com'],
  from: () => 'vigil@example.com',
  host: () => '127.0.0.1',
  query: () => 'GET hosts\nColumns: name',
  q: () => 'GET hosts',
  table: () => 'hosts',
  id: () => 1,
  command: () => 'ADD_HOST_COMMENT',
  args: () => ({ host: 'web-01', comment: 'hi' }),
  headers: () => ({ Accept: 'application/json' }),
  bodyRegex: () => 'ok',
  jsonPath: () => '$.status',
  start: () => new Date().toISOString(),
  end: () => new Date(Date.now() + 3_600_000).toISOString(),
  since: () => new Date(0).toISOString(),
};

export class HostileGenerator {
  private readonly random: () => number;

  constructor(
    private readonly spec: OpenApi,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  private int(below: number): number {
    return Math.floor(this.random() * below);
  }

  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  /** A hostile value, copied: bodies are mutated, and a shared one could be made circular. */
  private hostile(): unknown {
    return JSON.parse(this.pick(HOSTILE_JSON)) as unknown;
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    while (s.$ref) s = this.spec.components.schemas[s.$ref.replace('#/components/schemas/', '')];
    if (s.allOf) {
      return this.resolve(
        s.allOf.reduce<Schema>(
          (all, part) => {
            const r = this.resolve(part);
            return {
              ...all,
              ...r,
              properties: { ...all.properties, ...r.properties },
              required: [...(all.required ?? []), ...(r.required ?? [])],
            };
          },
          { type: 'object' },
        ),
      );
    }
    return s;
  }

  /** A value of the schema that a validator would probably accept. */
  plausible(schema: Schema | undefined, name = '', depth = 0): unknown {
    if (PLAUSIBLE_BY_NAME[name]) return PLAUSIBLE_BY_NAME[name]();
    if (!schema) return 'x';
    const s = this.resolve(schema);
    const choices = s.oneOf ?? s.anyOf;
    if (choices) return this.plausible(this.pick(choices), name, depth);
    if (s.enum) return this.pick(s.enum);
    switch (s.type) {
      case 'integer':
      case 'number': {
        const min = s.minimum ?? 1;
        const max = Math.min(s.maximum ?? min + 100, min + 100);
        return min + this.int(max - min + 1);
      }
      case 'boolean':
        return this.random() < 0.5;
      case 'array':
        return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () =>
          this.plausible(s.items, '', depth + 1),
        );
      case 'object': {
        const out: Record<string, unknown> = {};
        if (depth > 4) return out;
        for (const [key, prop] of Object.entries(s.properties ?? {})) {
          if (s.required?.includes(key) || this.random() < 0.4) {
            out[key] = this.plausible(prop, key, depth + 1);
          }
        }
        return out;
      }
      case 'string':
        if (s.format === 'date-time') return new Date().toISOString();
        return `fuzz-${this.int(1_000_000)}`;
      default:
        return 'x';
    }
  }

  /** Every place in a plausible body a hostile value can go: `[]` is the body itself. */
  private placesIn(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
    out.push(path);
    if (value && typeof value === 'object' && path.length < 4) {
      for (const key of Object.keys(value)) {
        this.placesIn((value as Record<string, unknown>)[key], [...path, key], out);
      }
    }
    return out;
  }

  private mutateBody(body: unknown, mutations: string[]): unknown {
    const places = this.placesIn(body);
    const place = this.pick(places);
    const parentPath = place.slice(0, -1);
    const key = place[place.length - 1];
    const parent = parentPath.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], body) as
      Record<string, unknown> | undefined;
    const roll = this.random();
    if (place.length === 0) {
      const value = this.hostile();
      mutations.push(`body = ${describe(value)}`);
      return value;
    }
    if (roll < 0.15 && parent && typeof parent === 'object') {
      delete parent[key];
      mutations.push(`body.${place.join('.')} removed`);
    } else if (roll < 0.25 && parent && typeof parent === 'object' && !Array.isArray(parent)) {
      const extra = this.pick(['extra', '__proto__', 'constructor', 'admin', '\ud800']);
      // defined, not assigned: assigning `__proto__` would set the prototype, not a member
      Object.defineProperty(parent, extra, {
        value: this.hostile(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      mutations.push(`body.${[...parentPath, extra].join('.')} added`);
    } else if (parent && typeof parent === 'object') {
      const value = this.hostile();
      parent[key] = value;
      mutations.push(`body.${place.join('.')} = ${describe(value)}`);
    }
    return body;
  }

  /** One hostile request for the operation. */
  next(op: Operation): HostileRequest {
    const mutations: string[] = [];
    const path: Record<string, string> = {};
    const query: [string, string][] = [];
    for (const p of op.parameters) {
      if (p.in === 'path') path[p.name] = String(this.plausible(p.schema, p.name));
      if (p.in === 'query' && (p.required || this.random() < 0.3)) {
        const value = this.plausible(p.schema, p.name);
        for (const v of Array.isArray(value) ? value : [value]) query.push([p.name, String(v)]);
      }
    }
    let body = op.body ? this.plausible(op.body) : undefined;
    let rawBody: string | undefined;

    const rounds = 1 + this.int(3);
    for (let i = 0; i < rounds; i++) {
      const targets = [
        ...(Object.keys(path).length ? ['path'] : []),
        ...(op.parameters.some((p) => p.in === 'query') ? ['query'] : []),
        ...(op.body ? ['body', 'body', 'body', 'raw'] : ['raw']),
      ];
      const target = this.pick(targets);
      if (target === 'path') {
        const name = this.pick(Object.keys(path));
        path[name] = this.pick(HOSTILE_TEXT);
        mutations.push(`path ${name} = ${describe(path[name])}`);
      } else if (target === 'query') {
        const param = this.pick(op.parameters.filter((p) => p.in === 'query'));
        const value = this.random() < 0.8 ? this.pick(HOSTILE_TEXT) : 'x'.repeat(20_000);
        const repeat = this.random() < 0.15;
        if (!repeat) query.splice(0, query.length, ...query.filter(([n]) => n !== param.name));
        query.push([param.name, value]);
        mutations.push(`query ${param.name} ${repeat ? '+=' : '='} ${describe(value)}`);
      } else if (target === 'body') {
        body = this.mutateBody(body, mutations);
      } else {
        rawBody = this.pick([
          '{',
          '{"a":1,}',
          '[1,2',
          '\u0000',
          'null',
          '"\\ud800"',
          '{"a":"\\x41"}',
          `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
          '{"__proto__":{"polluted":true}}',
          '{"a":1}garbage',
        ]);
        mutations.push(`raw body ${describe(rawBody)}`);
      }
    }
    const url =
      op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodePart(path[name])) +
      (query.length ? `?${query.map(([n, v]) => `${n}=${encodePart(v)}`).join('&')}` : '');
    const text =
      rawBody ?? (body === undefined && !op.body ? undefined : (JSON.stringify(body) ?? 'null'));
    return { method: op.method, url, body: text, mutations };
  }
}

/** Percent-encodes text, except sequences already written as `%XX` on purpose (`%ff`). */
function encodePart(text: string): string {
  if (/^(%[0-9A-Fa-f]{2})+$|^%$/.test(text)) return text;
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} chars)` : text;
}
