export class SiteStatusDto {
  /** The site's configured name. */
  name!: string;
  /** Where its livestatus listens: `unix:/path` or `tcp:host:port`. */
  address!: string;
  /** Whether `GET status` answered. */
  reachable!: boolean;
  /** How long `GET status` took, in milliseconds (also when it failed). */
  latencyMs!: number;
  /** The monitoring core's version, e.g. `r2.13.6-1-icinga2`, when reachable. */
  programVersion?: string;
  /** Why the site is not reachable. */
  error?: string;
}
