import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { OmitOrValid } from '../../common/validation';

export const NOTIFIER_SORTS = ['name', '-name', 'id', '-id', 'createdAt', '-createdAt'] as const;
export type NotifierSort = (typeof NOTIFIER_SORTS)[number];

function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class ListNotifiersQueryDto extends PaginationQueryDto {
  /** Only enabled (`true`) or disabled (`false`) notifiers. */
  @OmitOrValid()
  @Transform(toBoolean)
  @IsBoolean()
  enabled?: boolean;

  /** Only notifiers whose name contains this text (case-insensitive). */
  @OmitOrValid()
  @IsString()
  @MaxLength(128)
  q?: string;

  /** Sort field, `-` first for descending; ties are broken by id. Default `name`. */
  @OmitOrValid()
  @IsIn(NOTIFIER_SORTS)
  sort?: NotifierSort;
}
