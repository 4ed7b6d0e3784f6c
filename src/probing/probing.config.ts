import { join, resolve } from 'node:path';
import { configSlice } from '../config/config-slice';
import { Flag, IntegerIn, OneOf, Text } from '../config/settings';

export interface ProbingConfig {
  /** Whether targets are probed on their schedule (VIGIL_PROBING_ENABLED). */
  enabled: boolean;
  /** The probe log file, one line per probe. */
  logFile: string;
  /** `text` lines as skypunch wrote them, or `json`: one JSON object per line. */
  logFormat: 'text' | 'json';
  /** The probe log is rotated once it would grow past this size. */
  logMaxBytes: number;
  /** Rotated probe logs kept (`probe.log.1` … `probe.log.<keep>`). */
  logKeep: number;
  /** Probes (sockets) in flight at once; more wait for a slot. */
  concurrency: number;
  /** Probe results older than this are pruned. */
  retentionDays: number;
  /**
   * Probes waiting to be written at most, kept while the database is unavailable; beyond it the
   * oldest are dropped (those that changed a target's status last) and counted.
   */
  buffer: number;
}

export class ProbingSettings {
  @Flag()
  VIGIL_PROBING_ENABLED?: boolean;

  @Text()
  VIGIL_PROBE_LOG?: string;

  @OneOf(['text', 'json'])
  VIGIL_PROBE_LOG_FORMAT?: 'text' | 'json';

  @IntegerIn(1024, 1_073_741_824, 'bytes')
  VIGIL_PROBE_LOG_MAX_BYTES?: number;

  @IntegerIn(0, 100)
  VIGIL_PROBE_LOG_KEEP?: number;

  @IntegerIn(1, 10_000)
  VIGIL_PROBE_CONCURRENCY?: number;

  @IntegerIn(1, 3650, 'days')
  VIGIL_PROBE_RETENTION_DAYS?: number;

  @IntegerIn(100, 10_000_000, 'probes')
  VIGIL_PROBE_BUFFER?: number;
}

export const probingSlice = configSlice({
  settings: ProbingSettings,
  build: (s, { dataDir }): ProbingConfig => ({
    enabled: s.VIGIL_PROBING_ENABLED ?? true,
    logFile: resolve(s.VIGIL_PROBE_LOG ?? join(dataDir, 'probe.log')),
    logFormat: s.VIGIL_PROBE_LOG_FORMAT ?? 'text',
    logMaxBytes: s.VIGIL_PROBE_LOG_MAX_BYTES ?? 10 * 1024 * 1024,
    logKeep: s.VIGIL_PROBE_LOG_KEEP ?? 5,
    concurrency: s.VIGIL_PROBE_CONCURRENCY ?? 256,
    retentionDays: s.VIGIL_PROBE_RETENTION_DAYS ?? 30,
    buffer: s.VIGIL_PROBE_BUFFER ?? 100_000,
  }),
});
