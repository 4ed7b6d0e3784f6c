import { IsIn } from 'class-validator';
import { NamedListQueryDto } from '../../common/list-query';
import { OmitOrValid } from '../../common/validation';
import { TARGET_STATUSES, type TargetStatus } from '../target-state-reader';

export const TARGET_SORT_FIELDS = [
  'name',
  'id',
  'status',
  'lastProbeAt',
  'createdAt',
  'updatedAt',
] as const;

export class ListTargetsQueryDto extends NamedListQueryDto('targets', TARGET_SORT_FIELDS) {
  /** Only targets with this status. */
  @OmitOrValid()
  @IsIn(TARGET_STATUSES)
  status?: TargetStatus;
}
