import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../app.config';
import { CLUSTER_MEMBERS, type ClusterMembers } from '../common/cluster-members';
import { MetricsService } from '../metrics/metrics.service';
import { IcingaApiSite } from './icinga-api-site';
import { LivestatusSite } from './livestatus-site';
import type { MonitoringSite, SitePing } from './monitoring-site';
import { withQueryMetrics } from './query-metrics';
import { formatAddress, type SiteConfig, type SiteKind } from './site-config';

/** Sites named in the start-up line; the rest are counted (GET /api/v1/livestatus/sites lists all). */
const MAX_SITES_SHOWN = 5;

/**
 * The configured monitoring sites, each behind the site-neutral port (MonitoringSite): the
 * registry the query endpoints, health and the commands ask for sites by name or kind. The
 * instances sharing the database share each livestatus site's VIGIL_LIVESTATUS_MAX_IN_FLIGHT.
 */
@Injectable()
export class SitesService implements OnModuleDestroy {
  private readonly logger = new Logger('Sites');
  private readonly sites = new Map<string, MonitoringSite>();

  constructor(
    config: AppConfig,
    @Inject(CLUSTER_MEMBERS) members: ClusterMembers,
    metrics: MetricsService,
  ) {
    const options = config.livestatus;
    const observe = metrics.siteQueried.bind(metrics);
    for (const site of options.sites) {
      this.sites.set(site.name, withQueryMetrics(createSite(site, config, members), observe));
    }
    const shown = options.sites
      .slice(0, MAX_SITES_SHOWN)
      .map((s) => `${s.name} (${formatAddress(s.address)})`);
    const more = options.sites.length - shown.length;
    this.logger.log(
      `${options.sites.length} site(s): ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }

  /** Every site, in configured order; the first is the default of `/query`. */
  all(): MonitoringSite[] {
    return [...this.sites.values()];
  }

  /** The sites' names, in configured order. */
  names(): string[] {
    return [...this.sites.keys()];
  }

  has(name: string): boolean {
    return this.sites.has(name);
  }

  /** A configured site; throws for an unknown name. */
  get(name: string): MonitoringSite {
    const site = this.sites.get(name);
    if (!site) throw new Error(`unknown site ${name}`);
    return site;
  }

  /** The sites of one kind, in configured order. */
  ofKind(kind: SiteKind): MonitoringSite[] {
    return this.all().filter((site) => site.kind === kind);
  }

  /**
   * Asks every site for its version at once, each answer awaited at most `timeoutMs`: cheap
   * enough for a health check.
   */
  checkAll(
    timeoutMs?: number,
  ): Promise<(SitePing & { name: string; kind: SiteKind; address: string })[]> {
    return Promise.all(
      this.all().map(async (site) => ({
        name: site.name,
        kind: site.kind,
        address: site.address,
        ...(await site.ping(timeoutMs)),
      })),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.all().map((site) => site.close()));
  }
}

function createSite(site: SiteConfig, config: AppConfig, members: ClusterMembers): MonitoringSite {
  const options = config.livestatus;
  if (site.address.type !== 'icinga2') {
    const keepAlive =
      options.keepAlive === 'on' || (options.keepAlive === 'auto' && site.address.type === 'unix');
    return new LivestatusSite(site.name, site.address, {
      connectTimeoutMs: options.connectTimeoutMs,
      timeoutMs: options.timeoutMs,
      maxInFlight: options.maxInFlight,
      members: () => members.liveMembers(),
      queueLimit: options.queueLimit,
      idleTimeoutMs: options.idleTimeoutMs,
      keepAlive,
    });
  }
  const api = site.api;
  // config refuses an API site without its settings
  if (!api) throw new Error(`Icinga 2 API site ${site.name} has no credentials`);
  return new IcingaApiSite(site.name, {
    url: site.address.url,
    user: api.user,
    password: api.password,
    ca: api.ca,
    servername: api.servername,
    connectTimeoutMs: options.connectTimeoutMs,
    headersTimeoutMs: options.timeoutMs,
    bodyTimeoutMs: options.timeoutMs,
  });
}
