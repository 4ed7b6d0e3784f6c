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
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OmitOrValid, RecordName } from '../../common/validation';
import {
  NOTIFIER_TYPES,
  type NotifierType,
  SMTP_SECURITY,
  type SmtpSecurity,
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

export class CreateNotifierDto {
  /** A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
  @RecordName()
  name!: string;

  /** How notifications are sent; only `SMTP` (e-mail) for now, the default on create. */
  @OmitOrValid()
  @IsIn(NOTIFIER_TYPES)
  type?: NotifierType;

  /** The recipients: 1-50 e-mail addresses (an update replaces the list). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsEmail({ require_tld: false }, { each: true })
  @MaxLength(320, { each: true })
  @MinLength(3, { each: true })
  address!: string[];

  /**
   * Mail server settings; required when `type` is `SMTP`. An update replaces them as a whole;
   * leave `password` out to keep the stored one (as long as a `username` is given).
   */
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(() => SmtpSettingsDto)
  smtp?: SmtpSettingsDto;

  /** Whether notifications are sent through this notifier; on create, default true. */
  @OmitOrValid()
  @IsBoolean()
  enabled?: boolean;
}
