import { ValidateIf } from 'class-validator';

/**
 * The property may be left out, but not set to null (unlike `@IsOptional()`, which lets null
 * through). For fields that have no "unset" state, so that `"name": null` is a 400, not a 500.
 */
export function OmitOrValid(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
