import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';

export const NOTIFIER_SORTS = ['name', '-name', 'id', '-id', 'createdAt', '-createdAt'] as const;
export type NotifierSort = (typeof NOTIFIER_SORTS)[number];

function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class ListNotifiersQueryDto extends PaginationQueryDto {
  /** Only enabled (`true`) or disabled (`false`) notifiers. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  enabled?: boolean;

  /** Only notifiers whose name contains this text (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** Sort field, `-` first for descending; ties are broken by id. Default `name`. */
  @IsOptional()
  @IsIn(NOTIFIER_SORTS)
  sort?: NotifierSort;
}
