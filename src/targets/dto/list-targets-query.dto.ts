import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { TARGET_STATUSES, type TargetStatus } from '../target.entity';

export const TARGET_SORTS = [
  'name',
  '-name',
  'id',
  '-id',
  'status',
  '-status',
  'lastProbeAt',
  '-lastProbeAt',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type TargetSort = (typeof TARGET_SORTS)[number];

function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class ListTargetsQueryDto extends PaginationQueryDto {
  /** Only targets with this status. */
  @IsOptional()
  @IsIn(TARGET_STATUSES)
  status?: TargetStatus;

  /** Only enabled (`true`) or disabled (`false`) targets. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  enabled?: boolean;

  /** Only targets whose name contains this text (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** Sort field, `-` first for descending; ties are broken by id. Default `name`. */
  @IsOptional()
  @IsIn(TARGET_SORTS)
  sort?: TargetSort;
}
