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
    expectedStatus: '200',
    followRedirects: true,
    bodyContains: null,
    bodyNotContains: null,
    bodyRegex: null,
    jsonPath: null,
    maxResponseTimeMs: null,
    tlsCaCertificate: null,
    tlsInsecureSkipVerify: false,
    tlsServerName: null,
    certificateExpiryDays: null,
    freshConnection: false,
    secretHeaderNames: [],
    ...overrides,
  }) as TargetForProbing;

/** Every optional field of a target, set. */
const optional = {
  body: '{}',
  bodyContains: 'ok',
  bodyNotContains: 'maintenance',
  bodyRegex: 'o+k',
  jsonPath: 'status',
  jsonEquals: 'up',
  maxResponseTimeMs: 300,
  certificateExpiryDays: 14,
};

describe('specOf', () => {
  it('gives every target a spec with the same fields in the same order, unset ones undefined', () => {
    const plain = specOf(target({}));
    const full = specOf(
      target({ method: 'POST', expectedStatus: '200,3xx', tlsServerName: 'a.test', ...optional }),
    );
    expect(Object.keys(full)).toEqual(Object.keys(plain));
    expect(plain).toMatchObject({
      url: 'http://127.0.0.1:8080/health?deep=1',
      expectedStatus: 200,
    });
    for (const key of Object.keys(optional) as (keyof typeof optional)[]) {
      expect(plain[key]).toBeUndefined();
    }
    expect(plain.expectedStatuses).toBeUndefined();
    expect(plain.tls).toBeUndefined();
    expect(full).toMatchObject(optional);
    expect(full.expectedStatuses).toMatchObject({ codes: [200], classes: [3] });
    expect(full.tls).toMatchObject({ serverName: 'a.test', insecureSkipVerify: false });
  });

  it('keys TLS settings so that only equal settings share a connection pool', () => {
    const key = (over: Partial<TargetForProbing>) => specOf(target(over)).tls?.key;
    expect(key({ tlsServerName: 'a.test' })).toBe(key({ tlsServerName: 'a.test' }));
    expect(key({ tlsServerName: 'a.test' })).not.toBe(key({ tlsServerName: 'b.test' }));
    expect(key({ tlsInsecureSkipVerify: true })).not.toBe(
      key({ tlsInsecureSkipVerify: true, tlsServerName: 'a.test' }),
    );
  });

  it('leaves out an expected JSON value when there is no JSON path', () => {
    expect(specOf(target({ jsonEquals: 'up' })).jsonEquals).toBeUndefined();
  });
});
