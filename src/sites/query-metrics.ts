import { IcingaApiError } from '../icinga-api/icinga-api-client';
import { LqlSyntaxError } from '../lql/lql';
import { LqlError } from './lql-client';
import type { MonitoringSite, RowBatches } from './monitoring-site';

/** Told of each query a site answered: its outcome and how long it took until its last row. */
export type QueryObserver = (site: string, outcome: string, seconds: number) => void;

/**
 * The outcome of a query as a bounded label: `ok`, `abandoned` (the caller stopped reading), the
 * kind of a site's failure (`timeout`, `unavailable`, `status`, `unreachable`…), `refused` for a
 * query the site cannot answer, `error` for anything else.
 */
export function queryOutcome(error: unknown): string {
  if (error instanceof LqlError || error instanceof IcingaApiError) return error.kind;
  if (error instanceof LqlSyntaxError) return 'refused';
  return 'error';
}

/** The site, its queries timed from the call until their last row is read (or they fail). */
export function withQueryMetrics(site: MonitoringSite, observe: QueryObserver): MonitoringSite {
  const timed = async (answer: () => Promise<RowBatches>): Promise<RowBatches> => {
    const started = performance.now();
    const done = (outcome: string) =>
      observe(site.name, outcome, (performance.now() - started) / 1000);
    let batches: RowBatches;
    try {
      batches = await answer();
    } catch (error) {
      done(queryOutcome(error));
      throw error;
    }
    return (async function* () {
      let outcome = 'abandoned';
      try {
        yield* batches;
        outcome = 'ok';
      } catch (error) {
        outcome = queryOutcome(error);
        throw error;
      } finally {
        done(outcome);
      }
    })();
  };
  const query = site.query.bind(site);
  site.query = (q, options) => timed(() => query(q, options));
  if (site.queryNamed) {
    const queryNamed = site.queryNamed.bind(site);
    site.queryNamed = (q, name) => timed(() => queryNamed(q, name));
  }
  return site;
}
