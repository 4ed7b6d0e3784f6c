import { WholeNumber } from './validation';

/** `limit` and `offset` of a paginated list. */
export class PaginationQueryDto {
  /** How many items to return (1-500). */
  @WholeNumber({ min: 1, max: 500, optional: true, default: 50, fromText: true })
  limit: number = 50;

  /** How many items to skip. */
  @WholeNumber({ min: 0, max: 2147483647, optional: true, default: 0, fromText: true })
  offset: number = 0;
}
