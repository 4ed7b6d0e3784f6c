/**
 * The OpenAPI document in a stable form for committing and comparing: object keys sorted, and
 * enum values sorted (TypeScript does not promise an order for the members of a union type, so
 * the Swagger plugin may list them differently from one compilation to the next).
 */
export function stableSpec(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => stableSpec(v));
    return key === 'enum' ? [...items].sort((a, b) => String(a).localeCompare(String(b))) : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stableSpec((value as Record<string, unknown>)[k], k)]),
    );
  }
  return value;
}
