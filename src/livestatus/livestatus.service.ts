import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ValidationProblemException } from '../common/problem';
import { AppConfig } from '../app.config';
import type { Format } from './dto/query-values';
import type { LegacyQueryDto } from './dto/legacy-query.dto';
import type { RawQueryDto } from './dto/raw-query.dto';
import type { SiteStatusDto } from './dto/site-status.dto';
import type { TableQueryDto } from './dto/table-query.dto';
import {
  checked,
  failureOf,
  failuresProblem,
  publicFailure,
  type SiteFailure,
} from '../sites/site-errors';
import { LivestatusSite } from '../sites/livestatus-site';
import type { MonitoringSite, RowBatches } from '../sites/monitoring-site';
import type { SiteKind } from '../sites/site-config';
import { SitesService } from '../sites/sites.service';
import type { LqlClient } from '../sites/lql-client';
import { buildQuery, type LqlQuery, parseRawQuery, unescapeLegacyQuery } from '../lql/lql';
import {
  checkHeaderRow,
  csvLine,
  encodeKeys,
  keyOf,
  parseValues,
  ByteWriter,
  encodeKeyBytes,
  objectLead,
  rowJson,
  rowMismatch,
  type ScannedRow,
} from '../lql/lql-answer';

/** Response header naming the sites that failed while others answered (a JSON list). */
export const SITE_ERRORS_HEADER = 'Vigil-Site-Errors';

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

interface Plan {
  query: LqlQuery;
  sites: string[];
  format: Format;
  key?: string;
  limit?: number;
  /** Add the answering site's name to each row (`site`). */
  siteField: boolean;
}

type Settled<T> = { site: string; value: T } | { site: string; failure: SiteFailure };

/**
 * The queries behind the livestatus endpoints, on sites of every kind (SitesService). Other
 * modules still using livestatus directly (the commands) use `sites` and `client(site)`.
 */
@Injectable()
export class LivestatusService {
  private readonly logger = new Logger('Livestatus');
  private readonly maxJsonBytes: number;

  constructor(
    config: AppConfig,
    private readonly registry: SitesService,
  ) {
    this.maxJsonBytes = config.livestatus.maxJsonBytes;
  }

  /** The configured sites, in configured order. */
  get sites(): { name: string; kind: SiteKind; address: string }[] {
    return this.registry.all().map(({ name, kind, address }) => ({ name, kind, address }));
  }

  /** The LQL client of a configured livestatus site; throws for another name. */
  client(site: string): LqlClient {
    const found = this.registry.has(site) ? this.registry.get(site) : undefined;
    if (!(found instanceof LivestatusSite)) throw new Error(`unknown livestatus site ${site}`);
    return found.client;
  }

  async listSites(): Promise<SiteStatusDto[]> {
    return this.registry.checkAll();
  }

  /** `GET /api/v1/livestatus/{table}`. */
  queryTable(table: string, dto: TableQueryDto, res: HeaderSink): Promise<string | StreamableFile> {
    const query = checked(() =>
      buildQuery({
        table,
        columns: dto.columns
          ?.split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        filters: dto.filter,
        stats: dto.stats,
        limit: dto.limit,
      }),
    );
    const sites = this.selectSites(dto.site);
    const format = dto.format ?? 'json';
    return this.answer(
      { query, sites, format, key: dto.key, limit: dto.limit, siteField: true },
      res,
    );
  }

  /** `POST /api/v1/livestatus/query`. */
  runQuery(dto: RawQueryDto, res: HeaderSink): Promise<string | StreamableFile> {
    const query = checked(() => parseRawQuery(dto.query, 'query'));
    const sites = this.selectSites(dto.site);
    return this.answer(
      { query, sites, format: dto.format ?? 'json', key: dto.key, siteField: true },
      res,
    );
  }

  /** `GET /query` (livestatus-service compatible): one site, no `site` field. */
  legacyQuery(dto: LegacyQueryDto, res: HeaderSink): Promise<string | StreamableFile> {
    const query = checked(() => parseRawQuery(unescapeLegacyQuery(dto.q), 'q', 'legacy'));
    const sites = dto.site ? this.selectSites(dto.site) : [this.registry.names()[0]];
    if (sites.length !== 1) invalid('site', 'must name one site');
    return this.answer({ query, sites, format: 'json', key: dto.key, siteField: false }, res);
  }

  private selectSites(param: string | undefined): string[] {
    const all = this.registry.names();
    if (param === undefined || param.trim() === '') return all;
    const names = [...new Set(param.split(',').map((s) => s.trim()))].filter(Boolean);
    const unknown = names.filter((name) => !this.registry.has(name));
    if (unknown.length > 0) {
      invalid('site', `unknown site ${unknown.join(', ')} (configured: ${all.join(', ')})`);
    }
    return names;
  }

  private async answer(plan: Plan, res: HeaderSink): Promise<string | StreamableFile> {
    // a site that cannot answer this query (a column without API equivalent) refuses it first
    for (const site of plan.sites) checked(() => this.registry.get(site).check(plan.query));
    if (plan.key !== undefined) {
      if (plan.format !== 'json') invalid('key', 'needs format json');
      if (plan.query.columns && !plan.query.columns.includes(plan.key)) {
        invalid('key', notAColumn(plan.key, plan.query.columns));
      }
    }
    return plan.format === 'json' ? this.answerJson(plan, res) : this.answerStream(plan, res);
  }

  /**
   * format=json: every site's answer is read (up to maxJsonBytes each) and checked before the
   * status line, so a failure is always a problem answer; the JSON text is then produced while
   * it is sent.
   */
  private async answerJson(plan: Plan, res: HeaderSink): Promise<string | StreamableFile> {
    const results = await this.onSites(plan.sites, async (site) => {
      const batches = await site.query(plan.query, { maxBytes: this.maxJsonBytes });
      const rows: ScannedRow[] = [];
      for await (const batch of batches) for (const row of batch) rows.push(row);
      return rows;
    });
    const limit = plan.limit ?? Infinity;
    const parts: { site?: string; columns: string[]; rows: ScannedRow[]; keyIndex: number }[] = [];
    let count = 0;
    for (const result of results) {
      if (!('value' in result) || count >= limit) continue;
      let rows = result.value;
      let columns = plan.query.columns;
      if (plan.query.headerRow && rows.length > 0) {
        columns ??= checkHeaderRow(parseValues(rows[0].values()));
        rows = rows.slice(1);
      }
      if (!columns) continue;
      if (rows.length > limit - count) rows = rows.slice(0, limit - count);
      count += rows.length;
      const bad = rows.find((row) => row.length !== columns.length);
      if (bad) throw rowMismatch(bad.length, columns.length);
      const keyIndex = plan.key === undefined ? -1 : columns.indexOf(plan.key);
      if (plan.key !== undefined && keyIndex < 0) invalid('key', notAColumn(plan.key, columns));
      parts.push({ site: plan.siteField ? result.site : undefined, columns, rows, keyIndex });
    }
    setHeaders(res, 'json', failuresOf(results));
    if (plan.key === undefined) {
      // Small answers go out in one piece; large ones are produced while they are sent.
      return count <= ROWS_PER_CHUNK ? shortJsonList(parts) : streamed(jsonList(parts), 'json');
    }
    const keyed = new Map<string, string>();
    for (const { site, columns, rows: scanned, keyIndex } of parts) {
      const keys = encodeKeys(columns);
      for (const row of scanned.map((r) => r.values())) {
        const value = keyOf(JSON.parse(row[keyIndex]) as unknown);
        if (value === undefined) continue;
        keyed.delete(value);
        keyed.set(value, rowJson(row, keys, site));
      }
    }
    const entries: string[] = [];
    for (const [key, text] of keyed) entries.push(`${JSON.stringify(key)}:${text}`);
    return `{${entries.join(',')}}`;
  }

  private async answerStream(plan: Plan, res: HeaderSink): Promise<StreamableFile> {
    const opened = await this.onSites(plan.sites, (site) => site.query(plan.query));
    const answers = opened.flatMap((o) => ('value' in o ? [{ site: o.site, rows: o.value }] : []));
    setHeaders(res, plan.format, failuresOf(opened));
    return streamed(this.lines(plan, answers), plan.format);
  }

  /** The rows of each site's answer in turn, as CSV or NDJSON text, one chunk per body chunk. */
  private async *lines(
    plan: Plan,
    answers: { site: string; rows: RowBatches }[],
  ): AsyncGenerator<string | Buffer> {
    const limit = plan.limit ?? Infinity;
    let columns = plan.query.columns;
    let headerWritten = false;
    let written = 0;
    const ndjson = new ByteWriter();
    const header = (names: string[]) => {
      headerWritten = true;
      return plan.format === 'csv' ? csvLine(plan.siteField ? ['site', ...names] : names) : '';
    };
    try {
      for (const answer of answers) {
        if (written >= limit) break;
        let siteColumns = plan.query.columns;
        let keys = siteColumns ? encodeKeyBytes(siteColumns) : [];
        let expectHeader = plan.query.headerRow;
        const site = plan.siteField ? answer.site : undefined;
        const lead = objectLead(site);
        for await (const batch of answer.rows) {
          let out = '';
          for (const row of batch) {
            if (expectHeader) {
              expectHeader = false;
              siteColumns ??= checkHeaderRow(parseValues(row.values()));
              keys = encodeKeyBytes(siteColumns);
              columns ??= siteColumns;
              continue;
            }
            if (!headerWritten && columns) out += header(columns);
            if (plan.format === 'csv') {
              const values = parseValues(row.values());
              if (values.length !== keys.length) throw rowMismatch(values.length, keys.length);
              out += csvLine(site === undefined ? values : [site, ...values]);
            } else {
              row.writeObject(ndjson, keys, lead);
              ndjson.byte(NEWLINE);
            }
            if (++written >= limit) break;
          }
          if (out) yield out;
          for (const bytes of ndjson.take()) yield bytes;
          if (written >= limit) break;
        }
      }
      if (!headerWritten && columns) {
        const text = header(columns);
        if (text) yield text;
      }
    } catch (err) {
      this.logger.warn(
        `livestatus answer cut off: ${err instanceof Error ? err.message : String(err)}`,
      );
      throw err;
    } finally {
      // an answer not read to its end is given up
      await Promise.all(answers.map((answer) => answer.rows.return()));
    }
  }

  /** Runs `work` on each site; throws the combined problem when no site succeeds. */
  private async onSites<T>(
    sites: string[],
    work: (site: MonitoringSite) => Promise<T>,
  ): Promise<Settled<T>[]> {
    const results = await Promise.all(
      sites.map(async (name): Promise<Settled<T>> => {
        const site = this.registry.get(name);
        try {
          return { site: name, value: await work(site) };
        } catch (err) {
          return { site: name, failure: failureOf(name, site.address, err) };
        }
      }),
    );
    if (results.every((r) => 'failure' in r)) {
      throw failuresProblem(results.map((r) => (r as { failure: SiteFailure }).failure));
    }
    return results;
  }
}

/** A streamed answer; once its status line is out, a failure can only cut it off. */
function streamed(
  chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  format: Format,
): StreamableFile {
  const file = new StreamableFile(Readable.from(chunks), { type: CONTENT_TYPES[format] });
  file.setErrorHandler((_err, response) => {
    (response as { destroy?: () => void }).destroy?.();
  });
  return file;
}

const ROWS_PER_CHUNK = 500;

/** The JSON list of a few rows, as one text. */
function shortJsonList(parts: { site?: string; columns: string[]; rows: ScannedRow[] }[]): string {
  const objects = parts.flatMap(({ site, columns, rows }) => {
    const keys = encodeKeys(columns);
    return rows.map((row) => rowJson(row.values(), keys, site));
  });
  return `[${objects.join(',')}]`;
}

/** The JSON list of every site's rows, in pieces of a few hundred rows. */
function* jsonList(
  parts: { site?: string; columns: string[]; rows: ScannedRow[] }[],
): Generator<Buffer> {
  const out = new ByteWriter();
  out.byte(OPEN_LIST);
  let first = true;
  for (const { site, columns, rows } of parts) {
    const keys = encodeKeyBytes(columns);
    const lead = objectLead(site);
    for (let i = 0; i < rows.length; i++) {
      if (!first) out.byte(LIST_COMMA);
      first = false;
      rows[i].writeObject(out, keys, lead);
      if (i % ROWS_PER_CHUNK === ROWS_PER_CHUNK - 1) yield* out.take();
    }
  }
  out.byte(CLOSE_LIST);
  yield* out.take();
}

const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const LIST_COMMA = 0x2c;
const NEWLINE = 0x0a;

/** Where the service sets response headers: Express' response or Fastify's reply. */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

function setHeaders(res: HeaderSink, format: Format, failures: SiteFailure[]): void {
  res.header('Content-Type', CONTENT_TYPES[format]);
  if (failures.length > 0) {
    res.header(SITE_ERRORS_HEADER, asciiJson(failures.map(publicFailure)));
  }
}

function failuresOf<T>(results: Settled<T>[]): SiteFailure[] {
  return results.flatMap((r) => ('failure' in r ? [r.failure] : []));
}

function invalid(field: string, message: string): never {
  throw new ValidationProblemException([{ field, message }]);
}

function notAColumn(key: string, columns: string[]): string {
  return `${key} is not a column of the answer (${columns.join(', ')})`;
}

/** JSON with every non-ASCII character escaped, fit for an HTTP header. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
