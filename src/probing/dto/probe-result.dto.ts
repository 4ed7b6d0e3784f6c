/** One recorded probe. */
export class ProbeResultDto {
  id!: number;
  /** When the probe started. */
  probedAt!: Date;
  status!: 'PASS' | 'FAIL';
  /** The HTTP status of the answer; null when none came. */
  httpStatus!: number | null;
  responseTimeMs!: number;
  /** `OK`, or why the probe failed. */
  description!: string;
}

/** A page of a target's probe results, newest first. */
export class ProbeResultListDto {
  items!: ProbeResultDto[];
  /** How many results match, over all pages. */
  total!: number;
}
