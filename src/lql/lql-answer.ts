/**
 * LQL answers: a JSON list of rows read as it arrives (RowScanner), and written out as JSON
 * objects, NDJSON or CSV without decoding and encoding each value again. Plain TypeScript, no
 * Nest.
 */

export class LqlAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LqlAnswerError';
  }
}

export function checkHeaderRow(row: unknown): string[] {
  if (!Array.isArray(row) || !row.every((name) => typeof name === 'string')) {
    throw new LqlAnswerError('the header row of the answer is not a list of column names');
  }
  return row;
}

/** The text of a key value, or undefined when the row has none (it is then skipped). */
export function keyOf(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One CSV field (RFC 4180): lists and objects as JSON, null as empty. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** One answer row as the JSON text of each of its values (e.g. `"web-01"`, `0`, `["a"]`). */
export type RowValues = string[];

/**
 * Reads a JSON list of rows (`[[...], [...]]`) arriving in chunks and returns each row as the
 * JSON text of its values, without parsing them: rows can be passed on as JSON without being
 * decoded and encoded again. Holds no more than the row being read.
 */
export class RowScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private ended = false;
  /** The part of the current row from earlier chunks. */
  private pieces: Buffer[] = [];
  private carried = 0;
  /** Offsets (within the current row) where each value starts and ends. */
  private bounds: number[] = [];

  /** Feeds the next chunk and returns the rows it completes, as value texts. */
  push(chunk: Buffer): RowValues[] {
    return this.pushRows(chunk).map((row) => row.values());
  }

  /** Feeds the next chunk and returns the rows it completes. */
  pushRows(chunk: Buffer): ScannedRow[] {
    const rows: ScannedRow[] = [];
    let rowStart = this.depth >= 2 ? 0 : -1;
    // where the next backslash of the chunk is: -2 not looked for yet, -1 none left
    let nextBackslash = -2;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        // jump to the end of the string, or to its next escape
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const quote = chunk.indexOf(QUOTE, i);
        const stop =
          nextBackslash === -1 || (quote !== -1 && quote < nextBackslash) ? quote : nextBackslash;
        if (stop === -1) break; // the string goes on in the next chunk
        i = stop;
        if (stop === quote) this.inString = false;
        else this.escaped = true;
        continue;
      }
      const c = chunk[i];
      if (c === QUOTE) {
        if (this.depth < 2) throw notRows();
        this.inString = true;
      } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
        if (this.ended) throw new LqlAnswerError('the answer continues after its end');
        this.depth++;
        if (this.depth <= 2 && c !== OPEN_BRACKET) throw notRows();
        if (this.depth === 2) {
          rowStart = i;
          this.bounds = [1];
        }
      } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        if (this.depth <= 2 && c !== CLOSE_BRACKET) throw notRows();
        this.depth--;
        if (this.depth === 1) {
          this.bounds.push(this.carried + i - rowStart);
          rows.push(this.takeRow(chunk.subarray(rowStart, i + 1)));
          rowStart = -1;
        } else if (this.depth === 0) {
          this.ended = true;
        } else if (this.depth < 0) {
          throw notRows();
        }
      } else if (c === COMMA && this.depth === 2) {
        const at = this.carried + i - rowStart;
        this.bounds.push(at, at + 1);
      } else if (this.depth < 2 && !(c === COMMA || isSpace(c))) {
        throw notRows();
      }
    }
    if (rowStart >= 0 && this.depth >= 2) {
      const rest = chunk.subarray(rowStart);
      this.pieces.push(rest);
      this.carried += rest.length;
    }
    return rows;
  }

  /** Throws unless the whole list has been read. */
  end(): void {
    if (!this.ended) throw new LqlAnswerError('the answer ended in the middle of its JSON list');
  }

  private takeRow(last: Buffer): ScannedRow {
    const row = this.pieces.length === 0 ? last : Buffer.concat([...this.pieces, last]);
    this.pieces = [];
    this.carried = 0;
    return new ScannedRow(row, this.bounds);
  }
}

/**
 * One row of an answer: the bytes of its JSON list and where each value lies in them, so that
 * it can be written out as a JSON object without decoding and encoding its values.
 */
export class ScannedRow {
  /** Start and end of each value, surrounding white space left out. */
  private readonly ranges: number[] = [];

  constructor(
    private readonly bytes: Buffer,
    bounds: number[],
  ) {
    for (let k = 0; k < bounds.length; k += 2) {
      let start = bounds[k];
      let end = bounds[k + 1];
      while (start < end && isSpace(bytes[start])) start++;
      while (end > start && isSpace(bytes[end - 1])) end--;
      if (start === end) {
        if (bounds.length === 2) break; // an empty row: []
        throw new LqlAnswerError('an answer row has an empty value');
      }
      this.ranges.push(start, end);
    }
  }

  /** A row of decoded values, for sites that answer without livestatus. */
  static of(values: unknown[]): ScannedRow {
    const texts = values.map((value) => JSON.stringify(value) ?? 'null');
    const text = `[${texts.join(',')}]`;
    const bytes = Buffer.from(text);
    // offsets in characters are offsets in bytes unless a value has a multi-byte character
    const size =
      bytes.length === text.length ? (t: string) => t.length : (t: string) => Buffer.byteLength(t);
    const bounds: number[] = [];
    let at = 1;
    for (const value of texts) {
      bounds.push(at, (at += size(value)));
      at += 1;
    }
    return new ScannedRow(bytes, texts.length === 0 ? [1, 1] : bounds);
  }

  /** The size of the row's JSON, in bytes. */
  get size(): number {
    return this.bytes.length;
  }

  /** How many values the row has. */
  get length(): number {
    return this.ranges.length / 2;
  }

  /** The JSON text of each value. */
  values(): RowValues {
    const r = this.ranges;
    const values: RowValues = [];
    // one decoding for the row when its bytes and characters line up (no multi-byte character)
    const whole = this.bytes.toString('utf8');
    const aligned = whole.length === this.bytes.length;
    for (let k = 0; k < r.length; k += 2) {
      values.push(
        aligned ? whole.slice(r[k], r[k + 1]) : this.bytes.toString('utf8', r[k], r[k + 1]),
      );
    }
    return values;
  }

  /** Writes the row as a JSON object (see rowJson) to `out`. */
  writeObject(out: ByteWriter, keys: Buffer[], lead: Buffer = OPEN_OBJECT): void {
    if (this.length !== keys.length) throw rowMismatch(this.length, keys.length);
    const r = this.ranges;
    let size = lead.length + keys.length; // the commas and the closing brace
    for (let i = 0; i < keys.length; i++) size += keys[i].length + r[2 * i + 1] - r[2 * i];
    const room = out.reserve(size);
    if (room) {
      // the whole object fits in the current buffer: copy without further checks
      const [dst, at] = room;
      let p = at;
      for (let j = 0; j < lead.length; j++) dst[p++] = lead[j];
      const src = this.bytes;
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) dst[p++] = COMMA;
        const key = keys[i];
        for (let j = 0; j < key.length; j++) dst[p++] = key[j];
        for (let j = r[2 * i], end = r[2 * i + 1]; j < end; j++) dst[p++] = src[j];
      }
      dst[p++] = CLOSE_BRACE;
      return;
    }
    out.write(lead, 0, lead.length);
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.byte(COMMA);
      out.write(keys[i], 0, keys[i].length);
      out.write(this.bytes, r[2 * i], r[2 * i + 1]);
    }
    out.byte(CLOSE_BRACE);
  }
}

const OPEN_OBJECT = Buffer.from('{');

/** The bytes that open a row's object: `{`, or `{"site":<site>,`. */
export function objectLead(site?: string): Buffer {
  return Buffer.from(site === undefined ? '{' : `{"site":${JSON.stringify(site)},`);
}

/** `"<column>":` for each column, as bytes. */
export function encodeKeyBytes(columns: string[]): Buffer[] {
  return encodeKeys(columns).map((key) => Buffer.from(key));
}

/**
 * Collects bytes into buffers of a fixed size, to be taken out in pieces as they fill up: an
 * answer is written without a string per value and without one large buffer.
 */
export class ByteWriter {
  private static readonly EMPTY = Buffer.alloc(0);
  private chunk = ByteWriter.EMPTY;
  private used = 0;
  private full: Buffer[] = [];
  /** Buffers start small (a short answer stays cheap) and double up to `chunkSize`. */
  private nextSize = 1024;

  constructor(private readonly chunkSize = 64 * 1024) {}

  /** Bytes written and not taken yet. */
  get pending(): number {
    return this.full.reduce((sum, b) => sum + b.length, this.used);
  }

  byte(c: number): void {
    if (this.used === this.chunk.length) this.next(1);
    this.chunk[this.used++] = c;
  }

  /** Writes `src[start, end)`. */
  write(src: Buffer, start: number, end: number): void {
    while (start < end) {
      if (this.used === this.chunk.length) this.next(1);
      const n = Math.min(end - start, this.chunk.length - this.used);
      if (n < 32) {
        // a short copy is cheaper in a loop than through the native copy
        for (let i = 0; i < n; i++) this.chunk[this.used + i] = src[start + i];
      } else {
        src.copy(this.chunk, this.used, start, start + n);
      }
      this.used += n;
      start += n;
    }
  }

  /**
   * Room for `size` more bytes in one buffer: the buffer and where to write, the bytes counted
   * as written; null when `size` is more than a buffer holds.
   */
  reserve(size: number): [Buffer, number] | null {
    if (size > this.chunkSize) return null;
    if (this.used + size > this.chunk.length) this.next(size);
    const at = this.used;
    this.used += size;
    return [this.chunk, at];
  }

  /** Takes everything written so far. */
  take(): Buffer[] {
    const taken = this.full;
    if (this.used > 0) taken.push(this.chunk.subarray(0, this.used));
    this.chunk = ByteWriter.EMPTY;
    this.used = 0;
    this.full = [];
    return taken;
  }

  /** Starts a new buffer with room for at least `size` bytes. */
  private next(size: number): void {
    if (this.used > 0) this.full.push(this.chunk.subarray(0, this.used));
    const length = Math.max(size, Math.min(this.nextSize, this.chunkSize));
    this.nextSize = Math.min(this.nextSize * 2, this.chunkSize);
    this.chunk = Buffer.allocUnsafe(length);
    this.used = 0;
  }
}

function notRows(): LqlAnswerError {
  return new LqlAnswerError('the answer is not a JSON list of rows');
}

/** Decodes a row's values. */
export function parseValues(values: RowValues): unknown[] {
  try {
    return JSON.parse(`[${values.join(',')}]`) as unknown[];
  } catch {
    throw new LqlAnswerError('an answer row is not valid JSON');
  }
}

/** Column names as the JSON object keys they become: `"name":`. */
export function encodeKeys(columns: string[]): string[] {
  return columns.map((c) => `${JSON.stringify(c)}:`);
}

/** The error for a row whose number of values is not the number of columns. */
export function rowMismatch(values: number, columns: number): LqlAnswerError {
  return new LqlAnswerError(`an answer row has ${values} values for ${columns} columns`);
}

/** A row as a JSON object text, from its values' JSON texts, optionally led by `site`. */
export function rowJson(values: RowValues, keys: string[], site?: string): string {
  if (values.length !== keys.length) throw rowMismatch(values.length, keys.length);
  let text = site === undefined ? '{' : `{"site":${JSON.stringify(site)},`;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) text += ',';
    text += keys[i] + values[i];
  }
  return `${text}}`;
}
