import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OmitOrValid } from '../../common/validation';
import { NOTIFIER_TYPES, type NotifierType } from '../notifier.entity';
import { NAME_PATTERN, SmtpSettingsDto } from './create-notifier.dto';

/** The fields to change; the others keep their values. */
export class UpdateNotifierDto {
  /** A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
  @OmitOrValid()
  @IsString()
  @Length(1, 128)
  @Matches(NAME_PATTERN, { message: 'name must not start or end with white space' })
  name?: string;

  /** How notifications are sent; only `SMTP` (e-mail) for now. */
  @OmitOrValid()
  @IsIn(NOTIFIER_TYPES)
  type?: NotifierType;

  /** The recipients: 1-50 e-mail addresses (replaces the list). */
  @OmitOrValid()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsEmail({ require_tld: false }, { each: true })
  @MaxLength(320, { each: true })
  @MinLength(3, { each: true })
  address?: string[];

  /**
   * Mail server settings, replaced as a whole; leave `password` out to keep the stored one
   * (as long as a `username` is given).
   */
  @OmitOrValid()
  @IsObject()
  @ValidateNested()
  @Type(() => SmtpSettingsDto)
  smtp?: SmtpSettingsDto;

  /** Whether notifications are sent through this notifier. */
  @OmitOrValid()
  @IsBoolean()
  enabled?: boolean;
}
