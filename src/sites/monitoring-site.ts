/**
 * The site-neutral port: what vigil asks of a monitoring site, whether it speaks livestatus or
 * the Icinga 2 REST API. Queries are LQL GET queries; every site answers them with the rows
 * livestatus gives. Plain TypeScript, no Nest.
 */
import type { LqlQuery } from '../lql/lql';
import type { ScannedRow } from '../lql/lql-answer';
import type { SiteKind } from './site-config';

/**
 * The rows of an answer in batches as they arrive, each row livestatus' JSON values. Ending the
 * iteration early (`return()`) gives the rest of the answer up.
 */
export type RowBatches = AsyncGenerator<ScannedRow[], void, undefined>;

export interface SiteQueryOptions {
  /** Gives the query up (a queued or running query is aborted). */
  signal?: AbortSignal;
  /** Refuse an answer larger than this many bytes (error kind `too-large`). */
  maxBytes?: number;
}

/** How a site answered a cheap status question. */
export interface SitePing {
  reachable: boolean;
  /** How long the question took, in milliseconds (also when it failed). */
  latencyMs: number;
  /** The monitoring core's version, as livestatus' `program_version`, when reachable. */
  programVersion?: string;
  /** Why the site is not reachable. */
  error?: string;
}

export interface MonitoringSite {
  readonly name: string;
  readonly kind: SiteKind;
  /** Where the site answers, as configured (`unix:/path`, `icinga2:https://host:port`). */
  readonly address: string;
  /**
   * Throws an LqlSyntaxError when this site cannot answer the query (a header or column without
   * equivalent), before anything is sent.
   */
  check(query: LqlQuery): void;
  /**
   * The rows answering a GET query, the header row first when `query.headerRow`. Resolves once
   * the site has accepted the query, so that a refusal is an error here rather than a cut-off
   * answer; the rows are read as they arrive.
   */
  query(query: LqlQuery, options?: SiteQueryOptions): Promise<RowBatches>;
  /**
   * The rows of the one object of the query's table that has this name, for sites whose objects
   * have names (an Icinga 2 API site); absent where objects are found by filter only.
   */
  queryNamed?(query: LqlQuery, name: string): Promise<RowBatches>;
  /** Whether the host, or the service of the host, exists. */
  exists(host: string, service?: string): Promise<boolean>;
  /** The program version, as livestatus' `program_version`. */
  version(): Promise<string>;
  /** Asks the site for its version, bounded by `timeoutMs` when given; never throws. */
  ping(timeoutMs?: number): Promise<SitePing>;
  close(): Promise<void>;
}

/** Milliseconds since `started` (a performance.now() reading), to a tenth. */
export function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
