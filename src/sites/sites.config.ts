import { configSlice, type SliceContext } from '../config/config-slice';
import { IntegerIn, OneOf, Text } from '../config/settings';
import {
  apiSiteKeys,
  DEFAULT_SITES,
  parseSites,
  readApiSettings,
  type SiteConfig,
} from './site-config';

export interface LivestatusConfig {
  /** Named sites (livestatus or Icinga 2 API), in configured order; the first is /query's default. */
  sites: SiteConfig[];
  connectTimeoutMs: number;
  /** From submitting a query (queue included) to the last byte of its answer. */
  timeoutMs: number;
  /** Connections open at once per site (Icinga 2 serves at most 4). */
  maxInFlight: number;
  /** Queries waiting per site beyond which new ones are refused with 503. */
  queueLimit: number;
  /** Reuse connections (`KeepAlive: on`): auto = over UNIX sockets only. */
  keepAlive: 'auto' | 'on' | 'off';
  /** How long a kept-alive connection may stay idle. */
  idleTimeoutMs: number;
  /** The largest livestatus answer accepted for format=json (which is built in memory). */
  maxJsonBytes: number;
}

/** The sites' settings; each API site adds its own `VIGIL_SITE_<NAME>_*` (see site-config). */
export class SitesSettings {
  @Text()
  VIGIL_SITES?: string;

  @Text()
  VIGIL_LIVESTATUS_SITES?: string;

  @IntegerIn(10, 60_000, 'milliseconds')
  VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS?: number;

  @IntegerIn(10, 600_000, 'milliseconds')
  VIGIL_LIVESTATUS_TIMEOUT_MS?: number;

  @IntegerIn(1, 64)
  VIGIL_LIVESTATUS_MAX_IN_FLIGHT?: number;

  @IntegerIn(0, 100_000)
  VIGIL_LIVESTATUS_QUEUE_LIMIT?: number;

  @OneOf(['auto', 'on', 'off'])
  VIGIL_LIVESTATUS_KEEPALIVE?: 'auto' | 'on' | 'off';

  @IntegerIn(1, 60_000, 'milliseconds')
  VIGIL_LIVESTATUS_IDLE_MS?: number;

  @IntegerIn(1024, 1_073_741_824, 'bytes')
  VIGIL_LIVESTATUS_MAX_JSON_BYTES?: number;
}

/** VIGIL_SITES, or its older name VIGIL_LIVESTATUS_SITES, with each API site's settings. */
function configuredSites(s: SitesSettings, { settings, problems }: SliceContext): SiteConfig[] {
  if (s.VIGIL_SITES !== undefined && s.VIGIL_LIVESTATUS_SITES !== undefined) {
    problems.push(
      'VIGIL_SITES and VIGIL_LIVESTATUS_SITES: set only VIGIL_SITES (VIGIL_LIVESTATUS_SITES is its older name)',
    );
    return [];
  }
  const key = s.VIGIL_SITES !== undefined ? 'VIGIL_SITES' : 'VIGIL_LIVESTATUS_SITES';
  const text = s[key];
  if (text === undefined) return [...DEFAULT_SITES];
  const sites = parseSites(text, key, problems);
  readApiSettings(sites, settings, problems);
  return sites;
}

export const sitesSlice = configSlice({
  settings: SitesSettings,
  build: (s, context): LivestatusConfig => ({
    sites: configuredSites(s, context),
    connectTimeoutMs: s.VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS ?? 1000,
    timeoutMs: s.VIGIL_LIVESTATUS_TIMEOUT_MS ?? 10000,
    maxInFlight: s.VIGIL_LIVESTATUS_MAX_IN_FLIGHT ?? 3,
    queueLimit: s.VIGIL_LIVESTATUS_QUEUE_LIMIT ?? 100,
    keepAlive: s.VIGIL_LIVESTATUS_KEEPALIVE ?? 'auto',
    idleTimeoutMs: s.VIGIL_LIVESTATUS_IDLE_MS ?? 500,
    maxJsonBytes: s.VIGIL_LIVESTATUS_MAX_JSON_BYTES ?? 32 * 1024 * 1024,
  }),
  extraKeys: (config) => apiSiteKeys(config.sites),
});
