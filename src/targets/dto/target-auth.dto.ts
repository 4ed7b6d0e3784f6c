import { getSchemaPath } from '@nestjs/swagger';
import type { TypeHelpOptions } from 'class-transformer';
import { IsIn, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { HTTP_URL_OPTIONS, OmitOrValid } from '../../common/validation';
import {
  AUTH_TYPES,
  type AuthType,
  KEYSTONE_VERSIONS,
  type KeystoneVersion,
} from '../target.entity';

export const AUTH_URL_OPTIONS = HTTP_URL_OPTIONS;

/** Any auth object; the `type` picks NoneAuthDto, BasicAuthDto or OpenStackAuthDto. */
export class TargetAuthDto {
  /** NONE, BASIC or OPENSTACK. */
  @IsIn(AUTH_TYPES)
  type!: AuthType;
}

/** No authentication. */
export class NoneAuthDto {
  @IsIn(['NONE'])
  type!: 'NONE';
}

/** The credentials of the auth types that log in with a username and a password. */
abstract class PasswordAuthDto {
  @IsString()
  @Length(1, 255)
  username!: string;

  /**
   * Write-only: never answered, only `hasPassword`. Required on create and when the auth type
   * changes; on update, leave it out to keep the stored one.
   */
  @OmitOrValid()
  @IsString()
  @Length(1, 1024)
  password?: string;
}

/** HTTP Basic authentication. */
export class BasicAuthDto extends PasswordAuthDto {
  @IsIn(['BASIC'])
  type!: 'BASIC';
}

/**
 * An OpenStack Keystone token, fetched with username and password and sent as X-Auth-Token.
 * Keystone v3 needs `projectName` (in `projectDomain`) or `projectId`; v2.0 needs `tenantName`
 * or `tenantId`.
 */
export class OpenStackAuthDto extends PasswordAuthDto {
  @IsIn(['OPENSTACK'])
  type!: 'OPENSTACK';

  /**
   * The Keystone endpoint (http or https), e.g. `https://keystone.example:5000/v3`; the token URL
   * (`…/v3/auth/tokens`, `…/v2.0/tokens`) and a URL without version are taken too.
   */
  @IsUrl(AUTH_URL_OPTIONS, { message: 'authUrl must be an http or https URL without credentials' })
  @MaxLength(2048)
  authUrl!: string;

  /** The Keystone API version; default: the version authUrl names, else `v3`. */
  @OmitOrValid()
  @IsIn(KEYSTONE_VERSIONS)
  keystoneVersion?: KeystoneVersion;

  /** Keystone v3: the project to scope the token to, by name. */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  projectName?: string;

  /** Keystone v3: the project to scope the token to, by id. */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  projectId?: string;

  /** Keystone v2.0: the tenant, by id. */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  tenantId?: string;

  /** Keystone v2.0: the tenant, by name. */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  tenantName?: string;

  /** Keystone v3: the user's domain (default `Default`). */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  userDomain?: string;

  /** Keystone v3: the domain of `projectName` (default `Default`). */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  projectDomain?: string;
}

export type AnyAuthDto = NoneAuthDto | BasicAuthDto | OpenStackAuthDto;

const AUTH_CLASSES: Record<AuthType, new () => AnyAuthDto> = {
  NONE: NoneAuthDto,
  BASIC: BasicAuthDto,
  OPENSTACK: OpenStackAuthDto,
};

/**
 * For `@Type(authClassOf)`: the class an `auth` object's `type` names, TargetAuthDto (which
 * refuses the type) for anything else. Picked by hand: class-transformer's own discriminator
 * throws on an array holding null (`"auth": [null]` was a 500).
 */
export function authClassOf(options?: TypeHelpOptions): new () => object {
  const value: unknown = options?.object[options.property];
  const type =
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as { type?: unknown }).type
      : undefined;
  return typeof type === 'string' && Object.hasOwn(AUTH_CLASSES, type)
    ? AUTH_CLASSES[type as AuthType]
    : TargetAuthDto;
}

/** The auth object as answered: its settings, `hasPassword` instead of the password. */
export class TargetAuthViewDto {
  type!: AuthType;
  /** BASIC and OPENSTACK. */
  username?: string;
  /** Whether a password is stored (it is write-only). */
  hasPassword!: boolean;
  /** OPENSTACK: the Keystone endpoint. */
  authUrl?: string;
  /** OPENSTACK: the Keystone API version. */
  keystoneVersion?: KeystoneVersion;
  projectName?: string;
  projectId?: string;
  tenantId?: string;
  tenantName?: string;
  userDomain?: string;
  projectDomain?: string;
}

/** The OpenAPI schema of an `auth` request object: one of the three, picked by `type`. */
export const AUTH_REQUEST_SCHEMA = {
  oneOf: [
    { $ref: getSchemaPath(NoneAuthDto) },
    { $ref: getSchemaPath(BasicAuthDto) },
    { $ref: getSchemaPath(OpenStackAuthDto) },
  ],
  discriminator: {
    propertyName: 'type',
    mapping: {
      NONE: getSchemaPath(NoneAuthDto),
      BASIC: getSchemaPath(BasicAuthDto),
      OPENSTACK: getSchemaPath(OpenStackAuthDto),
    },
  },
};

/** The OpenAPI schema of any JSON value. */
export const ANY_JSON_SCHEMA = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
  ],
};
