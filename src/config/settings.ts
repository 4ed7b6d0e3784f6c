import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
}

function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return /^-?\d+$/.test(text) ? Number(text) : value;
}

/**
 * An optional whole number from `min` to `max`, written as text in the environment or as a number
 * in the config file. `unit` names what it counts in the problem: "must be a whole number of
 * seconds from 0 to 3600".
 */
export function IntegerIn(min: number, max: number, unit?: string): PropertyDecorator {
  return integer(
    min,
    max,
    `must be a whole number ${unit ? `of ${unit} ` : ''}from ${min} to ${max}`,
  );
}

/** An optional TCP port. */
export function Port(): PropertyDecorator {
  return integer(1, 65535, 'must be a whole number between 1 and 65535');
}

function integer(min: number, max: number, message: string): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(toInteger),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  );
}

/** An optional true or false (also 1/0, yes/no, on/off in the environment). */
export function Flag(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(toBoolean),
    IsIn([true, false], { message: 'must be true or false' }),
  );
}

/** An optional value among `values`: "must be a, b or c", "must be one of a, b, c, d" beyond three. */
export function OneOf(values: readonly string[]): PropertyDecorator {
  const names =
    values.length > 3
      ? `one of ${values.join(', ')}`
      : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
  return applyDecorators(IsOptional(), IsIn(values, { message: `must be ${names}` }));
}

/** An optional text; `pattern` and its `message` when the text has a form. */
export function Text(pattern?: RegExp, message?: string): PropertyDecorator {
  return pattern
    ? applyDecorators(IsOptional(), IsString(), Matches(pattern, { message }))
    : applyDecorators(IsOptional(), IsString());
}
