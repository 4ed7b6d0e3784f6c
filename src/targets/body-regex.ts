import RE2 from 're2';

/**
 * A target's `bodyRegex` is run by RE2 (linear in the length of the body, no backtracking), not
 * by JavaScript's RegExp: a pattern such as `(a+)+$` cannot stall the process on a hostile body.
 * RE2 has no lookahead, lookbehind or backreferences; such patterns are refused when written.
 */
export function compileBodyRegex(source: string): RE2 {
  return new RE2(source);
}

/** Why RE2 refuses this pattern, or null when it compiles. */
export function bodyRegexError(source: string): string | null {
  try {
    compileBodyRegex(source);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The most of a body (in UTF-16 code units, about 1 MiB of text) that a body regex is run on. */
export const BODY_REGEX_TEXT_LIMIT = 1024 * 1024;
