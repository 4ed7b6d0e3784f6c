/** The OpenAPI schema of an expected status: a code, a class, or a list of them. */
const CODE = { type: 'integer', minimum: 100, maximum: 599, example: 200 } as const;
const CLASS = { type: 'string', pattern: '^[1-5][xX][xX]$', example: '2xx' } as const;

export const EXPECTED_STATUS_SCHEMA = {
  oneOf: [
    CODE,
    CLASS,
    { type: 'array', minItems: 1, maxItems: 20, items: { oneOf: [CODE, CLASS] } },
  ],
};
