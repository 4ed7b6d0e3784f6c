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
  /** Redirects followed to the answer (0 when none was, or the target does not follow them). */
  redirects!: number;
  /** The URL of the answer when redirects were followed; null when it came from the target's URL. */
  finalUrl!: string | null;
  /** When the certificate of an HTTPS answer expires (the earliest over the redirects); null for HTTP or no answer. */
  certificateExpiresAt!: Date | null;
}

/** A page of a target's probe results, newest first. */
export class ProbeResultListDto {
  items!: ProbeResultDto[];
  /** How many results match, over all pages. */
  total!: number;
}
