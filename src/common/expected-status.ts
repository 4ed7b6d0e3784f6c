/**
 * A target's expected status as the API takes and answers it: a code (`200`), a class (`"2xx"`),
 * or a list of them (see src/targets/expected-status.ts).
 */
export type ExpectedStatus = number | string | (number | string)[];

const CODE = { type: 'integer', minimum: 100, maximum: 599, example: 200 } as const;
const CLASS = { type: 'string', pattern: '^[1-5][xX][xX]$', example: '2xx' } as const;

/** The OpenAPI schema of an expected status: a code, a class, or a list of them. */
export const EXPECTED_STATUS_SCHEMA = {
  oneOf: [
    CODE,
    CLASS,
    { type: 'array', minItems: 1, maxItems: 20, items: { oneOf: [CODE, CLASS] } },
  ],
};
