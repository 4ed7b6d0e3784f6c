import { randomBytes } from 'node:crypto';
import { SecretBox } from '../common/crypto/secret-box';
import { reencryptOrKeep } from '../common/crypto/rotate-secrets';
import {
  type AuthColumns,
  authColumnsFor,
  type AuthProblem,
  authView,
  keptAuthColumns,
  NO_AUTH,
  type PasswordCrypto,
  probeAuth,
} from './target-auth';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

function cryptoOf(box: SecretBox): PasswordCrypto {
  return {
    encrypt: (plain) => box.encrypt(plain),
    keep: (stored) => reencryptOrKeep(box, stored) ?? stored,
    decrypt: (stored) => box.decrypt(stored),
  };
}

const crypto = cryptoOf(new SecretBox(newKey));

function columns(
  input: Parameters<typeof authColumnsFor>[0],
  stored: AuthColumns | null = null,
): { columns: AuthColumns; errors: AuthProblem[] } {
  const errors: AuthProblem[] = [];
  return { columns: authColumnsFor(input, stored, crypto, errors), errors };
}

describe('target auth', () => {
  it('stores a Keystone v3 request with default domains, answers it without the password and gives the prober the plain password', () => {
    const { columns: c, errors } = columns({
      type: 'OPENSTACK',
      authUrl: 'https://keystone.example:5000/v3',
      username: 'probe',
      password: 's3cret',
      projectName: 'monitoring',
    });
    expect(errors).toEqual([]);
    expect(c).toMatchObject({
      authType: 'OPENSTACK',
      authUsername: 'probe',
      authUrl: 'https://keystone.example:5000/v3',
      keystoneVersion: 'v3',
      projectName: 'monitoring',
      projectId: null,
      tenantId: null,
      tenantName: null,
      userDomain: 'Default',
      projectDomain: 'Default',
    });
    expect(c.authPassword).not.toContain('s3cret');

    expect(authView(c)).toEqual({
      type: 'OPENSTACK',
      hasPassword: true,
      username: 'probe',
      authUrl: 'https://keystone.example:5000/v3',
      keystoneVersion: 'v3',
      projectName: 'monitoring',
      userDomain: 'Default',
      projectDomain: 'Default',
    });
    expect(probeAuth(c, crypto.decrypt)).toEqual({
      type: 'OPENSTACK',
      authUrl: 'https://keystone.example:5000/v3',
      keystoneVersion: 'v3',
      username: 'probe',
      password: 's3cret',
      projectName: 'monitoring',
      userDomain: 'Default',
      projectDomain: 'Default',
    });
  });

  it('takes the Keystone version the URL names and refuses v3 settings for v2.0, naming each field', () => {
    const { columns: c, errors } = columns({
      type: 'OPENSTACK',
      authUrl: 'https://keystone.example:5000/v2.0/tokens',
      username: 'probe',
      password: 'pw',
      tenantName: 'ops',
      projectName: 'monitoring',
      userDomain: 'Users',
    });
    expect(c.keystoneVersion).toBe('v2.0');
    expect(errors).toEqual([
      { field: 'auth.projectName', message: 'is for Keystone v3; use tenantName or tenantId' },
      { field: 'auth.userDomain', message: 'is for Keystone v3; use tenantName or tenantId' },
    ]);
  });

  it('refuses a version other than the one the URL names, and v3 without a project', () => {
    const { errors } = columns({
      type: 'OPENSTACK',
      authUrl: 'https://keystone.example/v2.0',
      keystoneVersion: 'v3',
      username: 'probe',
      password: 'pw',
    });
    expect(errors).toEqual([
      { field: 'auth.keystoneVersion', message: 'is v3, but authUrl names Keystone v2.0' },
      { field: 'auth.projectName', message: 'Keystone v3 needs projectName or projectId' },
    ]);
  });

  it('keeps the stored password when the type stays the same, and requires one when it changes', () => {
    const basic = columns({ type: 'BASIC', username: 'a', password: 'pw' }).columns;
    const kept = columns({ type: 'BASIC', username: 'b' }, basic);
    expect(kept.errors).toEqual([]);
    expect(probeAuth(kept.columns, crypto.decrypt)).toEqual({
      type: 'BASIC',
      username: 'b',
      password: 'pw',
    });

    const changed = columns(
      { type: 'OPENSTACK', authUrl: 'https://ks/v3', username: 'b', projectId: 'p1' },
      basic,
    );
    expect(changed.errors).toEqual([
      { field: 'auth.password', message: 'password is required for auth type OPENSTACK' },
    ]);
  });

  it('clears every auth column for NONE and answers only the type', () => {
    const basic = columns({ type: 'BASIC', username: 'a', password: 'pw' }).columns;
    const none = columns({ type: 'NONE' }, basic).columns;
    expect(none).toEqual(NO_AUTH);
    expect(authView(none)).toEqual({ type: 'NONE', hasPassword: false });
    expect(probeAuth(none, crypto.decrypt)).toEqual({ type: 'NONE' });
  });

  it('writes a kept password again with the current key during a key rotation', () => {
    const before = cryptoOf(new SecretBox(oldKey));
    const stored: AuthColumns = {
      ...NO_AUTH,
      authType: 'BASIC',
      authUsername: 'a',
      authPassword: before.encrypt('pw'),
    };
    const rotating = new SecretBox(newKey, oldKey);
    const kept = keptAuthColumns(stored, cryptoOf(rotating));
    expect(kept.authPassword).not.toBe(stored.authPassword);
    expect(rotating.isCurrent(kept.authPassword!)).toBe(true);
    expect(crypto.decrypt(kept.authPassword!)).toBe('pw');
    expect(kept).toEqual({ ...stored, authPassword: kept.authPassword });
  });
});
