import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OmitOrValid, RecordName } from '../../common/validation';
import { HTTP_METHODS, type HttpMethod } from '../http-method';
import {
  ANY_JSON_SCHEMA,
  type AnyAuthDto,
  AUTH_REQUEST_SCHEMA,
  AUTH_URL_OPTIONS,
  authClassOf,
  BasicAuthDto,
  NoneAuthDto,
  OpenStackAuthDto,
} from './target-auth.dto';
import type { HeaderInput } from '../target-headers';
import { HEADERS_REQUEST_SCHEMA, TargetHeaderInputDto } from './target-header.dto';
import { IsExpectedStatus, IsHeaderMap, IsJsonPath, IsRegex } from './validators';
import { TargetIcingaDto } from './target-icinga.dto';
import { TargetTlsDto } from './target-tls.dto';
import { EXPECTED_STATUS_SCHEMA } from '../../common/expected-status';
import type { ExpectedStatus } from '../expected-status';

/** A target to probe. Fields left out take the default shown. */
@ApiExtraModels(NoneAuthDto, BasicAuthDto, OpenStackAuthDto, TargetHeaderInputDto)
export class CreateTargetDto {
  /** A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
  @RecordName()
  name!: string;

  /** The http or https URL to probe, query string included; no credentials in it (use `auth`). */
  @IsUrl(AUTH_URL_OPTIONS, { message: 'url must be an http or https URL without credentials' })
  @MaxLength(2048)
  url!: string;

  /** The HTTP method; on create, default `GET`. */
  @OmitOrValid()
  @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  /**
   * Request headers to send (at most 50; an update replaces them all); on create, default none.
   * A value is text, e.g. `{ "Accept": "application/json" }`, or `{ "value": "…", "secret": true }`
   * for a write-only one; on update, `{ "secret": true }` without a value keeps the stored value
   * of that secret header. Authorization, Proxy-Authorization, X-Auth-Token, Cookie and X-Api-Key
   * are always secret.
   */
  @ApiPropertyOptional(HEADERS_REQUEST_SCHEMA)
  @OmitOrValid()
  @IsHeaderMap()
  headers?: Record<string, HeaderInput>;

  /** The request body to send (at most 65535 bytes as UTF-8); on update, null for none. */
  @OmitOrValid()
  @IsString()
  @MaxLength(65535)
  body?: string;

  /**
   * How to authenticate; on create, default `{ "type": "NONE" }`. An update replaces it as a
   * whole; leave `password` out to keep the stored one (while the auth type stays the same).
   */
  @ApiPropertyOptional(AUTH_REQUEST_SCHEMA)
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(authClassOf)
  auth?: AnyAuthDto;

  /** How often to probe, in seconds (1-86400); on create, default 60. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(86400)
  frequencySeconds?: number;

  /** How long to wait for an answer, in seconds (1-300, at most `frequencySeconds`); on create, default 10, or `frequencySeconds` when that is less. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(300)
  timeoutSeconds?: number;

  /**
   * The HTTP status a passing probe answers with: a code (`200`), a class (`"2xx"`), or a list
   * of them (`[200, 204]`, `[200, "3xx"]`, at most 20); on create, default 200.
   */
  @ApiPropertyOptional(EXPECTED_STATUS_SCHEMA)
  @OmitOrValid()
  @IsExpectedStatus()
  expectedStatus?: ExpectedStatus;

  /**
   * Follow redirects (301, 302, 303, 307, 308; at most 10, http and https alike) and evaluate
   * the last answer; false evaluates the first answer. Basic credentials, the Keystone token and
   * secret headers are not sent to another host. On create, default true, or false when
   * `expectedStatus` accepts only 3xx statuses.
   */
  @OmitOrValid()
  @IsBoolean()
  followRedirects?: boolean;

  /** The answer's body must contain this text; on update, null for no such check. */
  @OmitOrValid()
  @IsString()
  @Length(1, 4096)
  bodyContains?: string;

  /** The answer's body (its first 1 MiB) must not contain this text; on update, null for no such check. */
  @OmitOrValid()
  @IsString()
  @Length(1, 4096)
  bodyNotContains?: string;

  /** The answer's body (its first 1 MiB) must match this regular expression, run by RE2: JavaScript syntax without slashes or flags and without lookahead, lookbehind or backreferences; on update, null for no such check. */
  @OmitOrValid()
  @IsString()
  @Length(1, 1024)
  @IsRegex()
  bodyRegex?: string;

  /**
   * With `jsonEquals`: the answer must be JSON whose value at this path equals `jsonEquals`.
   * `$` is the whole document; otherwise member names separated by dots, optionally after `$.`;
   * a number picks an array element: `status`, `$.checks.0.state`. On update, null removes the
   * JSON check (and `jsonEquals`).
   */
  @OmitOrValid()
  @IsString()
  @Length(1, 512)
  @IsJsonPath()
  jsonPath?: string;

  /** With `jsonPath`: the JSON value expected there (any JSON value, `null` included). */
  @ApiProperty({ ...ANY_JSON_SCHEMA, required: false, nullable: true })
  @Allow()
  jsonEquals?: unknown;

  /** A probe answering slower than this (in milliseconds, at most the timeout) fails; on update, null for no limit. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(300000)
  maxResponseTimeMs?: number;

  /** How HTTPS connections to the target are checked; an update replaces it as a whole, null for the defaults. */
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetTlsDto)
  tls?: TargetTlsDto;

  /** An HTTPS probe fails when the server's certificate expires within this many days (1-3650); on update, null for no such check. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(3650)
  certificateExpiryDays?: number;

  /** Consecutive failed probes before the status turns FAIL; on create, default 1. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(100)
  failureThreshold?: number;

  /** Consecutive passed probes before a FAIL status turns PASS again; on create, default 1. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(100)
  recoveryThreshold?: number;

  /** Whether the target is probed; on create, default true. */
  @OmitOrValid()
  @IsBoolean()
  enabled?: boolean;

  /** Open a new connection for every probe instead of reusing one; on create, default false. */
  @OmitOrValid()
  @IsBoolean()
  freshConnection?: boolean;

  /** The notifiers to tell of failures and recoveries (an update replaces the list); empty (the default on create) means every enabled notifier. */
  @ApiPropertyOptional({ type: 'integer', isArray: true })
  @OmitOrValid()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2147483647, { each: true })
  notifierIds?: number[];

  /**
   * Submit each change of status, and the current status every
   * `VIGIL_ICINGA_BRIDGE_REFRESH_SECONDS`, to this Icinga object as a passive check result;
   * on update, null to stop.
   */
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetIcingaDto)
  icinga?: TargetIcingaDto;
}
