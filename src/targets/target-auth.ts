/**
 * A target's auth settings in every form they take: the request (`AnyAuthDto`), the stored
 * `auth_*` columns, the view answered (`TargetAuthViewDto`, password left out) and what the
 * prober needs (`ProbeAuth`, password decrypted). Plain TypeScript, no Nest.
 */
import { parseKeystoneUrl } from './keystone-url';
import type { AnyAuthDto, TargetAuthViewDto } from './dto/target-auth.dto';
import type { KeystoneVersion, TargetEntity } from './target.entity';

/** The Keystone scope settings: the same names in the request, the columns, the view and the probe. */
export const KEYSTONE_SCOPE = [
  'projectName',
  'projectId',
  'tenantId',
  'tenantName',
  'userDomain',
  'projectDomain',
] as const;
export type KeystoneScopeField = (typeof KEYSTONE_SCOPE)[number];

/** What a Keystone token is fetched with. */
export interface KeystoneCredentials extends Partial<Record<KeystoneScopeField, string>> {
  authUrl: string;
  keystoneVersion: KeystoneVersion;
  username: string;
  password: string;
}

/** The auth settings as the prober takes them, the password decrypted. */
export type ProbeAuth =
  | { type: 'NONE' }
  | { type: 'BASIC'; username: string; password: string }
  | ({ type: 'OPENSTACK' } & KeystoneCredentials);

/** The stored form: the `auth_*` columns of a target, the password encrypted. */
export type AuthColumns = Pick<
  TargetEntity,
  'authType' | 'authUsername' | 'authPassword' | 'authUrl' | 'keystoneVersion' | KeystoneScopeField
>;

const NO_SCOPE = Object.fromEntries(KEYSTONE_SCOPE.map((field) => [field, null])) as Record<
  KeystoneScopeField,
  null
>;

/** The columns of a target without authentication. */
export const NO_AUTH: AuthColumns = {
  authType: 'NONE',
  authUsername: null,
  authPassword: null,
  authUrl: null,
  keystoneVersion: null,
  ...NO_SCOPE,
};

/** The names of the auth columns. */
export const AUTH_COLUMNS = Object.keys(NO_AUTH) as (keyof AuthColumns)[];

export const DEFAULT_KEYSTONE_DOMAIN = 'Default';

/** How passwords are written and read: encrypted, and kept ones written again with the current key. */
export interface PasswordCrypto {
  encrypt: (plain: string) => string;
  /** A stored password to keep (written again with the current key when that is due). */
  keep: (stored: string) => string;
  decrypt: (stored: string) => string;
}

/** A problem with one field of the request. */
export interface AuthProblem {
  field: string;
  message: string;
}

/** The auth columns of a row. */
export function authColumnsOf(t: AuthColumns): AuthColumns {
  return Object.fromEntries(AUTH_COLUMNS.map((key) => [key, t[key]])) as AuthColumns;
}

/** The stored columns kept as they are, the password written again with the current key when due. */
export function keptAuthColumns(stored: AuthColumns, crypto: PasswordCrypto): AuthColumns {
  const columns = authColumnsOf(stored);
  if (columns.authPassword) columns.authPassword = crypto.keep(columns.authPassword);
  return columns;
}

/**
 * The columns for a requested auth object, with the rules of its type; problems go to `errors`.
 * A left-out password keeps the stored one while the type stays the same.
 */
export function authColumnsFor(
  input: AnyAuthDto,
  stored: AuthColumns | null,
  crypto: PasswordCrypto,
  errors: AuthProblem[],
): AuthColumns {
  if (input.type === 'NONE') return { ...NO_AUTH };
  let password: string | null = null;
  if (input.password !== undefined) password = crypto.encrypt(input.password);
  else if (stored?.authType === input.type && stored.authPassword) {
    password = crypto.keep(stored.authPassword);
  } else {
    errors.push({
      field: 'auth.password',
      message: `password is required for auth type ${input.type}`,
    });
  }
  if (input.type === 'BASIC') {
    return { ...NO_AUTH, authType: 'BASIC', authUsername: input.username, authPassword: password };
  }
  const named = parseKeystoneUrl(input.authUrl).version;
  const version = input.keystoneVersion ?? named ?? 'v3';
  if (named && version !== named) {
    errors.push({
      field: 'auth.keystoneVersion',
      message: `is ${version}, but authUrl names Keystone ${named}`,
    });
  }
  const forbid = (fields: KeystoneScopeField[], why: string) => {
    for (const field of fields) {
      if (input[field] !== undefined) errors.push({ field: `auth.${field}`, message: why });
    }
  };
  const v3 = version === 'v3';
  if (v3) {
    if (input.projectName === undefined && input.projectId === undefined) {
      errors.push({
        field: 'auth.projectName',
        message: 'Keystone v3 needs projectName or projectId',
      });
    }
    forbid(['tenantId', 'tenantName'], 'is for Keystone v2.0; use projectName or projectId');
  } else {
    if (input.tenantName === undefined && input.tenantId === undefined) {
      errors.push({
        field: 'auth.tenantName',
        message: 'Keystone v2.0 needs tenantName or tenantId',
      });
    }
    forbid(
      ['projectName', 'projectId', 'userDomain', 'projectDomain'],
      'is for Keystone v3; use tenantName or tenantId',
    );
  }
  const columns: AuthColumns = {
    authType: 'OPENSTACK',
    authUsername: input.username,
    authPassword: password,
    authUrl: input.authUrl,
    keystoneVersion: version,
    ...NO_SCOPE,
  };
  for (const field of KEYSTONE_SCOPE) columns[field] = input[field] ?? null;
  if (v3) {
    columns.userDomain ??= DEFAULT_KEYSTONE_DOMAIN;
    if (input.projectName !== undefined) columns.projectDomain ??= DEFAULT_KEYSTONE_DOMAIN;
  }
  return columns;
}

/** The auth settings as answered: every stored setting, `hasPassword` instead of the password. */
export function authView(c: AuthColumns): TargetAuthViewDto {
  const view: TargetAuthViewDto = { type: c.authType, hasPassword: Boolean(c.authPassword) };
  if (c.authUsername !== null) view.username = c.authUsername;
  if (c.authUrl !== null) view.authUrl = c.authUrl;
  if (c.keystoneVersion !== null) view.keystoneVersion = c.keystoneVersion;
  for (const field of KEYSTONE_SCOPE) {
    const value = c[field];
    if (value !== null) view[field] = value;
  }
  return view;
}

/** The auth settings for the prober; throws when the password cannot be decrypted. */
export function probeAuth(c: AuthColumns, decrypt: (stored: string) => string): ProbeAuth {
  const password = c.authPassword ? decrypt(c.authPassword) : '';
  if (c.authType === 'BASIC') return { type: 'BASIC', username: c.authUsername ?? '', password };
  if (c.authType !== 'OPENSTACK') return { type: 'NONE' };
  const auth: ProbeAuth = {
    type: 'OPENSTACK',
    authUrl: c.authUrl ?? '',
    keystoneVersion: c.keystoneVersion ?? 'v3',
    username: c.authUsername ?? '',
    password,
  };
  // added one by one, not spread: targets with the same settings share one hidden class
  for (const field of KEYSTONE_SCOPE) {
    const value = c[field];
    if (value !== null) auth[field] = value;
  }
  return auth;
}
