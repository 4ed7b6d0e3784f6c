import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type Env, loadSettings } from '../config/load-settings';
import { httpSlice } from './http.config';

function problemsOf(env: Env): string[] {
  try {
    loadSettings({ http: httpSlice }, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('the HTTP slice: VIGIL_TLS_CERT_FILE and VIGIL_TLS_KEY_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tls-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves plain HTTP when neither is set', () => {
    expect(loadSettings({ http: httpSlice }, {}).slices.http.tls).toBeUndefined();
  });

  it('names the missing one when only one is set', () => {
    expect(problemsOf({ VIGIL_TLS_CERT_FILE: '/etc/vigil/cert.pem' })).toEqual([
      'VIGIL_TLS_KEY_FILE: must be set too when VIGIL_TLS_CERT_FILE is (HTTPS needs both)',
    ]);
    expect(problemsOf({ VIGIL_TLS_KEY_FILE: '/etc/vigil/key.pem' })).toEqual([
      'VIGIL_TLS_CERT_FILE: must be set too when VIGIL_TLS_KEY_FILE is (HTTPS needs both)',
    ]);
  });

  it('names a file it cannot read', () => {
    const missing = join(dir, 'missing.pem');
    expect(problemsOf({ VIGIL_TLS_CERT_FILE: missing, VIGIL_TLS_KEY_FILE: missing })).toEqual([
      `VIGIL_TLS_CERT_FILE, VIGIL_TLS_KEY_FILE: cannot read the certificate file ${missing} (ENOENT)`,
    ]);
  });

  it('refuses files that are no certificate and key, echoing neither', () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    writeFileSync(cert, 'not a certificate');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleSBtYXRlcmlhbA==\n');
    const problems = problemsOf({ VIGIL_TLS_CERT_FILE: cert, VIGIL_TLS_KEY_FILE: key });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^VIGIL_TLS_CERT_FILE, VIGIL_TLS_KEY_FILE: ${cert} and ${key} are not a PEM`),
    );
    expect(problems[0]).not.toContain('not a certificate');
    expect(problems[0]).not.toContain('c2VjcmV0');
  });
});
