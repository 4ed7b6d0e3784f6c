import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf } from 'class-validator';

/**
 * The property may be left out, but not set to null (unlike `@IsOptional()`, which lets null
 * through). For fields that have no "unset" state, so that `"name": null` is a 400, not a 500.
 *
 * The rule for every DTO: an optional field is `@OmitOrValid()`; only a field whose `null` means
 * something (it clears a setting) is `@ClearableOrValid()`. ESLint refuses `IsOptional` elsewhere.
 */
export function OmitOrValid(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** The property may be left out, or set to null to clear the setting it holds (update DTOs). */
export function ClearableOrValid(): PropertyDecorator {
  return IsOptional();
}

export interface WholeNumberOptions {
  min: number;
  max: number;
  /** May be left out (never null). */
  optional?: boolean;
  /** Documented default, when left out. */
  default?: number;
  /**
   * The value arrives as text (query string, path): plain decimal digits (`12`, `-3`) are
   * converted; anything else (`1e3`, `0x10`, ` 1`, ``, 30 digits) stays text and is refused.
   */
  fromText?: boolean;
}

const DECIMAL = /^-?\d{1,15}$/;

/**
 * A whole number from `min` to `max`, validated and documented at once, with one message for
 * whatever is wrong with it (not three, as `@IsInt() @Min() @Max()` give for `"abc"`).
 */
export function WholeNumber(options: WholeNumberOptions): PropertyDecorator {
  const { min, max } = options;
  const doc: ApiPropertyOptions = {
    type: 'integer',
    minimum: min,
    maximum: max,
    ...(options.default === undefined ? {} : { default: options.default }),
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [OmitOrValid()] : []),
    ...(options.fromText
      ? [
          Transform(({ value }: { value: unknown }) =>
            typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
          ),
        ]
      : []),
    ValidateBy({
      name: 'wholeNumber',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
        defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
      },
    }),
  );
}

/** `IsUrl` options for a URL vigil calls: http or https, no credentials in it. */
export const HTTP_URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  allow_underscores: true,
  disallow_auth: true,
};

const NAME_PATTERN = /^\S(.*\S)?$/;

/**
 * The unique name of a target or notifier: 1-128 characters, no leading or trailing white space;
 * validated and documented at once.
 */
export function RecordName(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: 128 }),
    // in the order stacked decorators register them (bottom up), which decides the message
    Matches(NAME_PATTERN, { message: 'name must not start or end with white space' }),
    Length(1, 128),
    IsString(),
  );
}
