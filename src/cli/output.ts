/** Output helpers: aligned tables for people, the API's JSON for scripts. */

export type Cell = string | number | boolean | null | undefined;

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`vigil: ${text}\n`);
}

/** The value exactly as the API answered it, for scripts. */
export function printJson(value: unknown): void {
  print(JSON.stringify(value ?? null, null, 2));
}

/** ISO 8601 time without milliseconds; '-' for none. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '-';
  return value.replace(/\.\d{3}Z$/, 'Z');
}

export function formatCell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string')
    return /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) ? formatTime(value) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.length ? value.map((v) => formatCell(v)).join(', ') : '-';
  }
  return JSON.stringify(value);
}

/** An aligned table: a header row, then one row per item; numbers are right-aligned. */
export function table(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((row) => row.map((v) => formatCell(v).replace(/\s*\n\s*/g, ' ')));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] == null),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/** Nested objects flattened to `a.b` keys, for showing every field of one item. */
export function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      out.push(...flatten(v as Record<string, unknown>, name));
    } else {
      out.push([name, v]);
    }
  }
  return out;
}

/** Two aligned columns, field and value. */
export function keyValues(pairs: [string, unknown][]): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${formatCell(v)}`).join('\n');
}

/** Rows of objects as a table whose columns are the union of their keys, in order of appearance. */
export function objectTable(rows: Record<string, unknown>[], first: string[] = []): string {
  const columns = [...first];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return table(
    columns,
    rows.map((row) => columns.map((c) => row[c])),
  );
}
