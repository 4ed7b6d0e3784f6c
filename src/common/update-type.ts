import type { Type } from '@nestjs/common';
import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ClearableOrValid } from './validation';

/** An update request of `T`: every field may be left out; those of `K` may also be null. */
export type UpdateOf<T, K extends keyof T = never> = Partial<T> & { [P in K]?: T[P] | null };

/**
 * The class of an update request, derived from the create request's class: every field is
 * optional, validated and documented as on create (left out keeps the stored value; `null` is
 * refused), and each field of `clearable` also takes `null`, which clears that setting.
 */
export function UpdateType<T, K extends keyof T & string = never>(
  create: Type<T>,
  clearable: readonly K[] = [],
): Type<UpdateOf<T, K>> {
  const update = PartialType(create, { skipNullProperties: false });
  for (const key of clearable) {
    ClearableOrValid()(update.prototype as object, key);
    ApiPropertyOptional({ nullable: true })(update.prototype as object, key);
  }
  return update;
}
