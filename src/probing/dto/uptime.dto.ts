/** Probe statistics of a target over one period ending now. */
export class UptimeWindowDto {
  /** Start of the period. */
  since!: Date;
  /** Probes recorded in the period. */
  probes!: number;
  /** Of which passed. */
  passed!: number;
  /** passed / probes in percent, 3 decimals; null without probes. */
  uptimePercent!: number | null;
  /** Mean response time of the period's probes; null without probes. */
  meanResponseTimeMs!: number | null;
}

/** Uptime and mean response time of a target over the last 24 hours, 7 days and 30 days. */
export class UptimeDto {
  targetId!: number;
  last24h!: UptimeWindowDto;
  last7d!: UptimeWindowDto;
  last30d!: UptimeWindowDto;
}
