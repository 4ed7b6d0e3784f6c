/** A site that speaks livestatus: today's LQL client behind the site-neutral port. */
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { failureOf } from './site-errors';
import { LqlClient, LqlError, type LqlClientOptions } from './lql-client';
import { buildQuery, LqlSyntaxError, type LqlQuery } from '../lql/lql';
import { RowScanner } from '../lql/lql-answer';
import {
  elapsedSince,
  type MonitoringSite,
  type RowBatches,
  type SitePing,
  type SiteQueryOptions,
} from './monitoring-site';
import type { LivestatusAddress } from './site-config';

const STATUS_QUERY = 'GET status\nColumns: program_version';

export class LivestatusSite implements MonitoringSite {
  readonly kind = 'livestatus' as const;
  /** The LQL client, for what the port does not cover yet (commands over livestatus). */
  readonly client: LqlClient;

  constructor(
    readonly name: string,
    target: LivestatusAddress,
    options: LqlClientOptions,
  ) {
    this.client = new LqlClient(name, target, options);
  }

  get address(): string {
    return this.client.address;
  }

  check(): void {
    // livestatus judges its own queries
  }

  async query(query: LqlQuery, options: SiteQueryOptions = {}): Promise<RowBatches> {
    return scanRows((await this.client.stream(query.text, options)).body);
  }

  async exists(host: string, service?: string): Promise<boolean> {
    let query: LqlQuery;
    try {
      query = buildQuery(
        service === undefined
          ? { table: 'hosts', columns: ['name'], filters: [`name = ${host}`] }
          : {
              table: 'services',
              columns: ['description'],
              filters: [`host_name = ${host}`, `description = ${service}`],
            },
      );
    } catch (err) {
      // a name livestatus cannot express (a new line) names nothing there
      if (err instanceof LqlSyntaxError) return false;
      throw err;
    }
    const rows = JSON.parse((await this.client.fetch(query.text)).toString('utf8')) as unknown[];
    return rows.length > 0;
  }

  async version(): Promise<string> {
    return versionOf(await this.client.fetch(STATUS_QUERY, { maxBytes: 65536 }));
  }

  async ping(timeoutMs?: number): Promise<SitePing> {
    const started = performance.now();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const answer = this.client.fetch(STATUS_QUERY, { maxBytes: 65536, signal: abort.signal });
    const bounded =
      timeoutMs === undefined
        ? answer
        : Promise.race([
            answer,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                abort.abort();
                const reason = `livestatus site ${this.name} (${this.address}): no answer within ${timeoutMs} ms`;
                reject(new LqlError('timeout', this.name, this.address, reason));
              }, timeoutMs);
            }),
          ]);
    try {
      const programVersion = versionOf(await bounded) || undefined;
      return { reachable: true, latencyMs: elapsedSince(started), programVersion };
    } catch (err) {
      const detail =
        err instanceof Error ? failureOf(this.name, this.address, err).detail : String(err);
      return { reachable: false, latencyMs: elapsedSince(started), error: detail };
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }
}

/** The rows of a livestatus answer, scanned as its chunks arrive. */
async function* scanRows(body: Readable): RowBatches {
  const scanner = new RowScanner();
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const rows = scanner.pushRows(chunk);
      if (rows.length > 0) yield rows;
    }
    scanner.end();
  } finally {
    body.destroy();
  }
}

function versionOf(answer: Buffer): string {
  const rows = JSON.parse(answer.toString('utf8')) as unknown;
  const first = Array.isArray(rows) ? (rows[0] as unknown) : undefined;
  const version = Array.isArray(first) ? (first[0] as unknown) : undefined;
  return typeof version === 'string' ? version : '';
}
