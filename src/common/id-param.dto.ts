import { WholeNumber } from './validation';

/** A numeric `{id}` path parameter. */
export class IdParamDto {
  /** The id the item was given when it was created. */
  @WholeNumber({ min: 1, max: 2147483647, fromText: true })
  id!: number;
}
