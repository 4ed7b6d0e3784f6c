import { HttpStatus, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProblemException } from '../common/problem';
import { checked, failureOf, failuresProblem } from '../sites/site-errors';
import { parseValues } from '../lql/lql-answer';
import { buildQuery } from '../lql/lql';
import type { MonitoringSite, RowBatches } from '../sites/monitoring-site';
import { SitesService } from '../sites/sites.service';

export type Row = Record<string, unknown>;

/** A host, or a service of a host. */
export interface ObjectRef {
  hostName: string;
  serviceDescription?: string;
}

export const DOWNTIME_COLUMNS = [
  'id',
  'host_name',
  'service_description',
  'is_service',
  'start_time',
  'end_time',
  'fixed',
  'duration',
  'author',
  'comment',
  'entry_time',
];

/** How often and how long read-backs poll livestatus for a command's effect. */
export const POLL_INTERVAL_MS = 100;
export const POLL_TIMEOUT_MS = 3000;

/**
 * Reads Icinga's objects through the site port for the command endpoints, whatever the site's
 * kind: existence checks before a command, and read-backs of its effect after. Filters are
 * built with the LQL helpers, so a value can never add a header line (and an API site passes
 * every value in `filter_vars`).
 */
@Injectable()
export class IcingaObjectsService {
  constructor(private readonly sites: SitesService) {}

  /** Rows of `table` matching every filter (`column op value`), as objects. */
  rows(site: string, table: string, columns: string[], filters: string[]): Promise<Row[]> {
    const query = checked(() => buildQuery({ table, columns, filters }));
    const monitoring = this.sites.get(site);
    return this.read(monitoring, columns, () => monitoring.query(query));
  }

  /**
   * The downtimes of the given names matching the filters, read by name on an Icinga 2 API
   * site; undefined on a livestatus site, which has no names.
   */
  async downtimesNamed(
    site: string,
    names: string[],
    filters: string[],
  ): Promise<Row[] | undefined> {
    const monitoring = this.sites.get(site);
    const queryNamed = monitoring.queryNamed?.bind(monitoring);
    if (!queryNamed) return undefined;
    const query = checked(() =>
      buildQuery({ table: 'downtimes', columns: DOWNTIME_COLUMNS, filters }),
    );
    const each = await Promise.all(
      names.map((name) => this.read(monitoring, DOWNTIME_COLUMNS, () => queryNamed(query, name))),
    );
    return each.flat();
  }

  /** The rows of an answer as objects of `columns`; a failure as the site's problem. */
  private async read(
    monitoring: MonitoringSite,
    columns: string[],
    answer: () => Promise<RowBatches>,
  ): Promise<Row[]> {
    const rows: Row[] = [];
    try {
      for await (const batch of await answer()) {
        for (const row of batch) {
          const values = parseValues(row.values());
          rows.push(Object.fromEntries(columns.map((c, i) => [c, values[i]])));
        }
      }
    } catch (err) {
      throw failuresProblem([failureOf(monitoring.name, monitoring.address, err)]);
    }
    return rows;
  }

  /** The host or service with the given columns; 404 when it does not exist. */
  async object(site: string, ref: ObjectRef, columns: string[]): Promise<Row> {
    const found =
      ref.serviceDescription === undefined
        ? await this.rows(site, 'hosts', columns, [`name = ${ref.hostName}`])
        : await this.rows(site, 'services', columns, [
            `host_name = ${ref.hostName}`,
            `description = ${ref.serviceDescription}`,
          ]);
    if (found.length === 0) {
      throw notFound(
        ref.serviceDescription === undefined
          ? `host ${ref.hostName} does not exist on site ${site}`
          : `service ${ref.serviceDescription} of host ${ref.hostName} does not exist on site ${site}`,
      );
    }
    return found[0];
  }

  /** The services of a host, or 404. */
  async servicesOf(site: string, hostName: string): Promise<string[]> {
    await this.object(site, { hostName }, ['name']);
    const rows = await this.rows(site, 'services', ['description'], [`host_name = ${hostName}`]);
    return rows.map((r) => String(r.description));
  }

  /** The hosts of a host group, or 404 when there is no such group. */
  async hostsOfGroup(site: string, group: string): Promise<string[]> {
    const groups = await this.rows(site, 'hostgroups', ['name'], [`name = ${group}`]);
    if (groups.length === 0) throw notFound(`host group ${group} does not exist on site ${site}`);
    const rows = await this.rows(site, 'hosts', ['name'], [`groups >= ${group}`]);
    return rows.map((r) => String(r.name));
  }

  /** The services of a service group as host/service pairs, or 404. */
  async servicesOfGroup(site: string, group: string): Promise<ObjectRef[]> {
    const groups = await this.rows(site, 'servicegroups', ['name'], [`name = ${group}`]);
    if (groups.length === 0) {
      throw notFound(`service group ${group} does not exist on site ${site}`);
    }
    const rows = await this.rows(
      site,
      'services',
      ['host_name', 'description'],
      [`groups >= ${group}`],
    );
    return rows.map((r) => ({
      hostName: String(r.host_name),
      serviceDescription: String(r.description),
    }));
  }

  /** Downtimes matching the filters. */
  downtimes(site: string, filters: string[]): Promise<Row[]> {
    return this.rows(site, 'downtimes', DOWNTIME_COLUMNS, filters);
  }

  /** Polls `probe` until it returns a value (not undefined) or the wait is over. */
  async waitFor<T>(
    probe: () => Promise<T | undefined>,
    timeoutMs = POLL_TIMEOUT_MS,
  ): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() + POLL_INTERVAL_MS > deadline) return undefined;
      await sleep(POLL_INTERVAL_MS);
    }
  }
}

export function notFound(detail: string): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, detail, {
    type: 'urn:vigil:problem:icinga-object-not-found',
    title: 'No such Icinga object',
  });
}
