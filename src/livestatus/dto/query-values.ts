import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Query answer formats: a JSON array (or keyed object), CSV with a header line, one JSON object per line. */
export const FORMATS = ['json', 'csv', 'ndjson'] as const;
export type Format = (typeof FORMATS)[number];

const SINGLE_LINE = /^[^\r\n\0]*$/;

/** The value (or each value of a list) must not contain CR, LF or NUL. */
export function SingleLine(options: { each?: boolean } = {}) {
  return applyDecorators(
    Matches(SINGLE_LINE, {
      each: options.each,
      message: '$property must not contain CR, LF or NUL',
    }),
  );
}

/** A repeatable query parameter arrives as a string once and as a list when repeated. */
export function ToList() {
  return Transform(({ value }: { value: unknown }) =>
    value === undefined ? undefined : Array.isArray(value) ? (value as unknown[]) : [value],
  );
}
