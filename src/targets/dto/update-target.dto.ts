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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ClearableOrValid, OmitOrValid } from '../../common/validation';
import { HTTP_METHODS, type HttpMethod } from '../target.entity';
import { NAME_PATTERN } from './create-target.dto';
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
import { IsHeaderMap, IsJsonPath, IsRegex } from './validators';

/**
 * The fields to change; the others keep their values. `null` removes an optional setting
 * (body, bodyContains, bodyRegex, jsonPath with jsonEquals, maxResponseTimeMs).
 */
@ApiExtraModels(NoneAuthDto, BasicAuthDto, OpenStackAuthDto, TargetHeaderInputDto)
export class UpdateTargetDto {
  /** A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
  @OmitOrValid()
  @IsString()
  @Length(1, 128)
  @Matches(NAME_PATTERN, { message: 'name must not start or end with white space' })
  name?: string;

  /** The http or https URL to probe, query string included; no credentials in it (use `auth`). */
  @OmitOrValid()
  @IsUrl(AUTH_URL_OPTIONS, { message: 'url must be an http or https URL without credentials' })
  @MaxLength(2048)
  url?: string;

  /** The HTTP method. */
  @OmitOrValid()
  @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  /**
   * Request headers to send (replaces them all; at most 50), as on create. `{ "secret": true }`
   * without a value keeps the stored value of that secret header.
   */
  @ApiPropertyOptional(HEADERS_REQUEST_SCHEMA)
  @OmitOrValid()
  @IsHeaderMap()
  headers?: Record<string, HeaderInput>;

  /** The request body to send (at most 65535 bytes as UTF-8); null for none. */
  @ClearableOrValid()
  @IsString()
  @MaxLength(65535)
  body?: string | null;

  /**
   * How to authenticate, replaced as a whole. Leave `password` out to keep the stored one
   * (while the auth type stays the same).
   */
  @ApiPropertyOptional(AUTH_REQUEST_SCHEMA)
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(authClassOf)
  auth?: AnyAuthDto;

  /** How often to probe, in seconds (1-86400). */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(86400)
  frequencySeconds?: number;

  /** How long to wait for an answer, in seconds (1-300, at most `frequencySeconds`). */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(300)
  timeoutSeconds?: number;

  /** The HTTP status a passing probe answers with. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(100)
  @Max(599)
  expectedStatus?: number;

  /** The answer's body must contain this text; null for no such check. */
  @ClearableOrValid()
  @IsString()
  @Length(1, 4096)
  bodyContains?: string | null;

  /** The answer's body (its first 1 MiB) must match this regular expression, run by RE2 (no lookahead, lookbehind or backreferences); null for no such check. */
  @ClearableOrValid()
  @IsString()
  @Length(1, 1024)
  @IsRegex()
  bodyRegex?: string | null;

  /**
   * With `jsonEquals`: the path of the JSON value to check (`$`, `status`, `$.checks.0.state`);
   * null removes the JSON check (and `jsonEquals`).
   */
  @ClearableOrValid()
  @IsString()
  @Length(1, 512)
  @IsJsonPath()
  jsonPath?: string | null;

  /** With `jsonPath`: the JSON value expected there (any JSON value, `null` included). */
  @ApiProperty({ ...ANY_JSON_SCHEMA, required: false, nullable: true })
  @Allow()
  jsonEquals?: unknown;

  /** A probe answering slower than this (in milliseconds) fails; null for no limit. */
  @ApiPropertyOptional({ type: 'integer' })
  @ClearableOrValid()
  @IsInt()
  @Min(1)
  @Max(300000)
  maxResponseTimeMs?: number | null;

  /** Consecutive failed probes before the status turns FAIL. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(100)
  failureThreshold?: number;

  /** Consecutive passed probes before a FAIL status turns PASS again. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(100)
  recoveryThreshold?: number;

  /** Whether the target is probed. */
  @OmitOrValid()
  @IsBoolean()
  enabled?: boolean;

  /** Open a new connection for every probe instead of reusing one. */
  @OmitOrValid()
  @IsBoolean()
  freshConnection?: boolean;

  /** The notifiers to tell (replaces the list); empty means every enabled notifier. */
  @ApiPropertyOptional({ type: 'integer', isArray: true })
  @OmitOrValid()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2147483647, { each: true })
  notifierIds?: number[];
}
