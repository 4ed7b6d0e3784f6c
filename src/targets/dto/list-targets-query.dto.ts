import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { TARGET_STATUSES, type TargetStatus } from '../target.entity';
import { OmitOrValid } from '../../common/validation';

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
  @OmitOrValid()
  @IsIn(TARGET_STATUSES)
  status?: TargetStatus;

  /** Only enabled (`true`) or disabled (`false`) targets. */
  @OmitOrValid()
  @Transform(toBoolean)
  @IsBoolean()
  enabled?: boolean;

  /** Only targets whose name contains this text (case-insensitive). */
  @OmitOrValid()
  @IsString()
  @MaxLength(128)
  q?: string;

  /** Sort field, `-` first for descending; ties are broken by id. Default `name`. */
  @OmitOrValid()
  @IsIn(TARGET_SORTS)
  sort?: TargetSort;
}
