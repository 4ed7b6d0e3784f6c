import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
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
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HTTP_URL_OPTIONS, OmitOrValid, RecordName } from '../../common/validation';
import {
  NOTIFIER_TYPES,
  type NotifierType,
  SMTP_SECURITY,
  type SmtpSecurity,
  WEBHOOK_FORMATS,
  type WebhookFormat,
} from '../notifier.entity';

export const HOST_PATTERN = /^([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?|[0-9A-Fa-f:.]+)$/;

/** How to reach the mail server. */
export class SmtpSettingsDto {
  /** Host name or IP address of the SMTP server. */
  @IsString()
  @Length(1, 255)
  @Matches(HOST_PATTERN, { message: 'host must be a host name or an IP address' })
  host!: string;

  /** TCP port; default 25 for `none`, 587 for `starttls`, 465 for `tls`. */
  @ApiPropertyOptional({ type: 'integer' })
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  /**
   * `tls`: TLS from the start (usually port 465); `starttls`: plain connection upgraded with
   * STARTTLS, which must succeed (usually 587); `none`: no encryption (only on trusted networks).
   * Default `starttls`.
   */
  @OmitOrValid()
  @IsIn(SMTP_SECURITY)
  security?: SmtpSecurity;

  /** User name to log in with; leave it out when the server needs no login. */
  @OmitOrValid()
  @IsString()
  @Length(1, 255)
  username?: string;

  /**
   * Password to log in with (needs `username`). Write-only: never answered, only `hasPassword`.
   * On update, leave it out to keep the stored one.
   */
  @OmitOrValid()
  @IsString()
  @Length(1, 1024)
  password?: string;

  /** The sender address of the notification mails. */
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  from!: string;
}

export const MAX_WEBHOOK_HEADERS = 20;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HEADER_VALUE = /^[\t\x20-\x7e]{1,4096}$/;
/** Headers of the request that vigil sets itself. */
const OWN_HEADERS = new Set([
  'host',
  'content-type',
  'content-length',
  'connection',
  'transfer-encoding',
]);

/**
 * An object of at most MAX_WEBHOOK_HEADERS headers: HTTP token names other than those vigil sets,
 * values printable ASCII text. The message never repeats a value (they are secret).
 */
function IsWebhookHeaders(): PropertyDecorator {
  return ValidateBy({
    name: 'isWebhookHeaders',
    validator: {
      validate: (value: unknown) =>
        !!value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length <= MAX_WEBHOOK_HEADERS &&
        Object.entries(value).every(
          ([name, v]) =>
            HEADER_NAME.test(name) &&
            !OWN_HEADERS.has(name.toLowerCase()) &&
            typeof v === 'string' &&
            HEADER_VALUE.test(v),
        ),
      defaultMessage: () =>
        `headers must be an object of at most ${MAX_WEBHOOK_HEADERS} headers, each name an ` +
        'HTTP token other than Host, Content-Type, Content-Length, Connection and ' +
        'Transfer-Encoding (vigil sets those), each value printable ASCII text of 1-4096 ' +
        'characters without line breaks',
    },
  });
}

/** Where and how to post notifications. */
export class WebhookSettingsDto {
  /**
   * The http or https URL to post to, e.g. a Slack or Mattermost incoming-webhook URL; no
   * credentials in it (use `headers`). Write-only, as it usually carries the receiver's token:
   * stored encrypted, answered only as `origin`. On update, leave it out to keep the stored one.
   */
  @OmitOrValid()
  @IsUrl(HTTP_URL_OPTIONS, { message: 'url must be an http or https URL without credentials' })
  @MaxLength(2048)
  url?: string;

  /**
   * Extra request headers, name → value, e.g. `{ "Authorization": "Bearer …" }` (at most 20).
   * The values are write-only (only the names are answered). On update, leave `headers` out to
   * keep the stored ones; `{}` removes them.
   */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', minLength: 1, maxLength: 4096 },
    maxProperties: MAX_WEBHOOK_HEADERS,
  })
  @OmitOrValid()
  @IsWebhookHeaders()
  headers?: Record<string, string>;

  /**
   * The body posted: `json`, vigil's event document (schema `WebhookEventDto`); `slack`, a
   * Slack or Mattermost incoming-webhook message `{ "text": … }`; `teams`, a message with an
   * Adaptive Card, as a Microsoft Teams workflow ("when a Teams webhook request is received")
   * takes it. Default `json`.
   */
  @OmitOrValid()
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormat;
}

export class CreateNotifierDto {
  /** A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
  @RecordName()
  name!: string;

  /** How notifications are sent: `SMTP` (e-mail, the default on create) or `WEBHOOK` (HTTP POST). */
  @OmitOrValid()
  @IsIn(NOTIFIER_TYPES)
  type?: NotifierType;

  /**
   * The recipients: 1-50 e-mail addresses (an update replaces the list). Required for `SMTP`;
   * a `WEBHOOK` has none.
   */
  @ValidateIf((o: CreateNotifierDto) => o.address !== undefined || (o.type ?? 'SMTP') === 'SMTP')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsEmail({ require_tld: false }, { each: true })
  @MaxLength(320, { each: true })
  @MinLength(3, { each: true })
  address?: string[];

  /**
   * Mail server settings; required when `type` is `SMTP`. An update replaces them as a whole;
   * leave `password` out to keep the stored one (as long as a `username` is given).
   */
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(() => SmtpSettingsDto)
  smtp?: SmtpSettingsDto;

  /**
   * Webhook settings; required when `type` is `WEBHOOK`. An update replaces them as a whole;
   * leave `url` or `headers` out to keep the stored ones.
   */
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookSettingsDto)
  webhook?: WebhookSettingsDto;

  /** Whether notifications are sent through this notifier; on create, default true. */
  @OmitOrValid()
  @IsBoolean()
  enabled?: boolean;
}
