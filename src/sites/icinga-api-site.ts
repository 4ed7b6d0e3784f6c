/** A site reached through the Icinga 2 REST API, behind the site-neutral port. */
import { performance } from 'node:perf_hooks';
import { failureOf } from './site-errors';
import { LqlError } from './lql-client';
import type { LqlQuery } from '../lql/lql';
import { ScannedRow } from '../lql/lql-answer';
import {
  IcingaApiClient,
  IcingaApiError,
  type IcingaApiClientOptions,
  type IcingaObject,
} from '../icinga-api/icinga-api-client';
import { API_TABLES } from '../icinga-api/columns';
import { apiRows, planApiQuery, type ApiPlan } from './api-query';
import {
  elapsedSince,
  type MonitoringSite,
  type RowBatches,
  type SitePing,
  type SiteQueryOptions,
} from './monitoring-site';
import { formatAddress } from './site-config';

/** Rows are passed on in batches of about this many bytes of JSON. */
const BATCH_BYTES = 64 * 1024;

export class IcingaApiSite implements MonitoringSite {
  readonly kind = 'icinga2' as const;
  readonly address: string;
  readonly client: IcingaApiClient;

  constructor(
    readonly name: string,
    options: IcingaApiClientOptions,
  ) {
    this.address = formatAddress({ type: 'icinga2', url: options.url });
    this.client = new IcingaApiClient(options);
  }

  check(query: LqlQuery): void {
    planApiQuery(query);
  }

  async query(query: LqlQuery, options: SiteQueryOptions = {}): Promise<RowBatches> {
    return await this.answer(planApiQuery(query), options);
  }

  /**
   * The rows of `query` over the one object named `name` only (the by-name path), e.g. a
   * downtime an action just made, instead of what its filter selects of every object.
   */
  async queryNamed(query: LqlQuery, name: string): Promise<RowBatches> {
    const plan = planApiQuery(query);
    if (plan.joins.length > 0) throw new Error(`table ${plan.table} cannot be read by name`);
    return await this.answer({ ...plan, byName: name }, {});
  }

  private async answer(plan: ApiPlan, options: SiteQueryOptions): Promise<RowBatches> {
    const batches = this.batches(plan, options);
    // the first batch is awaited here, so that a refusal is an error and not a cut-off answer
    const first = await batches.next();
    return (async function* () {
      try {
        if (first.done) return;
        yield first.value;
        yield* batches;
      } finally {
        await batches.return();
      }
    })();
  }

  async exists(host: string, service?: string): Promise<boolean> {
    const found =
      service === undefined
        ? await this.client.object('hosts', host, ['name'])
        : await this.client.object('services', `${host}!${service}`, ['name']);
    return found !== null;
  }

  async version(): Promise<string> {
    const status = await this.client.status();
    return String(API_TABLES.status.columns.program_version.convert?.(status.version));
  }

  async ping(timeoutMs?: number): Promise<SitePing> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const bounded =
      timeoutMs === undefined
        ? this.version()
        : Promise.race([
            this.version(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(
                () =>
                  reject(
                    new IcingaApiError(
                      'timeout',
                      `${this.address}: no answer within ${timeoutMs} ms`,
                    ),
                  ),
                timeoutMs,
              );
            }),
          ]);
    try {
      const programVersion = await bounded;
      return { reachable: true, latencyMs: elapsedSince(started), programVersion };
    } catch (err) {
      const detail = failureOf(this.name, this.address, err).detail;
      return { reachable: false, latencyMs: elapsedSince(started), error: detail };
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** The objects the plan reads: one by name, all of a filter, or the application's status. */
  private async *objects(plan: ApiPlan, signal?: AbortSignal): AsyncGenerator<IcingaObject> {
    const type = plan.spec.objectType;
    if (type === null) {
      const status = await this.client.status();
      yield { name: 'app', type: 'IcingaApplication', attrs: status.app };
      return;
    }
    if (plan.byName !== undefined) {
      const found = await this.client.object(type, plan.byName, plan.attrs);
      if (found) yield found;
      return;
    }
    yield* this.client.objects(type, {
      attrs: plan.attrs,
      joins: plan.joins.length > 0 ? plan.joins : undefined,
      filter: plan.icingaFilter?.filter,
      filterVars: plan.icingaFilter?.filterVars,
      signal,
    });
  }

  /** The answer's rows in batches of about BATCH_BYTES; refuses more than `maxBytes`. */
  private async *batches(plan: ApiPlan, options: SiteQueryOptions): RowBatches {
    const max = options.maxBytes ?? Infinity;
    let batch: ScannedRow[] = [];
    let size = 0;
    let total = 0;
    for await (const values of apiRows(plan, this.objects(plan, options.signal))) {
      const row = ScannedRow.of(values);
      batch.push(row);
      size += row.size;
      if (size >= BATCH_BYTES) {
        total += size;
        if (total > max) throw this.tooLarge(max);
        yield batch;
        batch = [];
        size = 0;
      }
    }
    if (total + size > max) throw this.tooLarge(max);
    yield batch;
  }

  private tooLarge(max: number): LqlError {
    return new LqlError(
      'too-large',
      this.name,
      this.address,
      `Icinga 2 API site ${this.name}: the answer is larger than ${max} bytes`,
    );
  }
}
