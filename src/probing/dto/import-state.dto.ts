import { IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { ClearableOrValid, OmitOrValid, WholeNumber } from '../../common/validation';
import { TARGET_STATUSES, type TargetStatus } from '../../targets/target-state-reader';

const COUNT = { min: 0, max: 2147483647, optional: true, default: 0 };

/**
 * The state of a target as another monitor left it (skypunch: status, previous_status,
 * last_updated and its counters), taken over before vigil first probes the target.
 */
export class ImportTargetStateDto {
  @IsIn(TARGET_STATUSES)
  status!: TargetStatus;

  @ClearableOrValid()
  @IsString()
  @MaxLength(1024)
  statusDescription?: string | null;

  @ClearableOrValid()
  @IsIn(TARGET_STATUSES)
  previousStatus?: TargetStatus | null;

  /** When the status last changed (ISO 8601); default now. */
  @OmitOrValid()
  @IsISO8601({ strict: true })
  lastUpdated?: string;

  @WholeNumber(COUNT)
  passCount?: number;

  @WholeNumber(COUNT)
  failCount?: number;

  @WholeNumber(COUNT)
  status2xxCount?: number;

  @WholeNumber(COUNT)
  status3xxCount?: number;

  @WholeNumber(COUNT)
  status4xxCount?: number;

  @WholeNumber(COUNT)
  status5xxCount?: number;

  @WholeNumber(COUNT)
  networkFailCount?: number;

  /** Consecutive failures up to now. */
  @WholeNumber(COUNT)
  repeatedFailCount?: number;
}
