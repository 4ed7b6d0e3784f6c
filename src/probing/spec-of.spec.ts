import type { TargetForProbing } from '../targets/target.mapper';
import { specOf } from './probing.service';

const target = (overrides: Partial<TargetForProbing>): TargetForProbing =>
  ({
    id: 1,
    name: 'web',
    url: 'http://127.0.0.1:8080/health?deep=1',
    method: 'GET',
    headers: {},
    body: null,
    auth: { type: 'NONE' },
    frequencySeconds: 10,
    timeoutSeconds: 5,
    expectedStatus: 200,
    bodyContains: null,
    bodyRegex: null,
    jsonPath: null,
    maxResponseTimeMs: null,
    freshConnection: false,
    ...overrides,
  }) as TargetForProbing;

/** Every optional field of a target, set. */
const optional = {
  body: '{}',
  bodyContains: 'ok',
  bodyRegex: 'o+k',
  jsonPath: 'status',
  jsonEquals: 'up',
  maxResponseTimeMs: 300,
};

describe('specOf', () => {
  it('gives every target a spec with the same fields in the same order, unset ones undefined', () => {
    const plain = specOf(target({}));
    const full = specOf(target({ method: 'POST', ...optional }));
    expect(Object.keys(full)).toEqual(Object.keys(plain));
    expect(plain).toMatchObject({
      url: 'http://127.0.0.1:8080/health?deep=1',
      expectedStatus: 200,
    });
    for (const key of Object.keys(optional) as (keyof typeof optional)[]) {
      expect(plain[key]).toBeUndefined();
    }
    expect(full).toMatchObject(optional);
  });

  it('leaves out an expected JSON value when there is no JSON path', () => {
    expect(specOf(target({ jsonEquals: 'up' })).jsonEquals).toBeUndefined();
  });
});
