import { WholeNumber } from '../../common/validation';

const COUNT = { min: 0, max: 2147483647 };

/**
 * The delivery counts another monitor kept for a notifier (skypunch: its `pass_count` and
 * `fail_count`), taken over before vigil first sends through the notifier.
 */
export class ImportNotifierStatisticsDto {
  /** Notifications delivered. */
  @WholeNumber(COUNT)
  sentCount!: number;

  /** Deliveries that failed. */
  @WholeNumber(COUNT)
  failedCount!: number;
}
