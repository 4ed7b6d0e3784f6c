import { buildQuery } from '../lql/lql';
import type { ScannedRow } from '../lql/lql-answer';
import { LqlError } from './lql-client';
import type { MonitoringSite, RowBatches } from './monitoring-site';
import { withQueryMetrics } from './query-metrics';

const QUERY = buildQuery({ table: 'hosts', columns: ['name'] });

/** A row as the site passes it on: opaque to the measuring. */
const row = (name: string) => ({ name }) as unknown as ScannedRow;

/** A site whose query answers `batches` rows, failing after them with `error` when given. */
function fakeSite(batches: ScannedRow[][], error?: Error): MonitoringSite {
  return {
    name: 'dc1',
    kind: 'livestatus',
    address: 'unix:/nowhere',
    check: () => undefined,
    query(): Promise<RowBatches> {
      if (error && batches.length === 0) return Promise.reject(error);
      return Promise.resolve(
        (async function* () {
          for (const b of batches) yield await Promise.resolve(b);
          if (error) throw error;
        })(),
      );
    },
    exists: () => Promise.resolve(true),
    version: () => Promise.resolve('r2.14.0'),
    ping: () => Promise.resolve({ reachable: true, latencyMs: 1 }),
    close: () => Promise.resolve(),
  };
}

async function drain(batches: RowBatches): Promise<number> {
  let rows = 0;
  for await (const b of batches) rows += b.length;
  return rows;
}

describe('withQueryMetrics', () => {
  const observed: [string, string][] = [];
  const observe = (site: string, outcome: string, seconds: number) => {
    expect(seconds).toBeGreaterThanOrEqual(0);
    observed.push([site, outcome]);
  };

  beforeEach(() => observed.splice(0));

  it('tells ok once the last row is read, not when the answer starts', async () => {
    const site = withQueryMetrics(fakeSite([[row('a')], [row('b')]]), observe);
    const batches = await site.query(QUERY);
    expect(observed).toEqual([]);
    expect(await drain(batches)).toBe(2);
    expect(observed).toEqual([['dc1', 'ok']]);
  });

  it('tells the kind of a failure, before the answer or within it, and passes the error on', async () => {
    const refused = withQueryMetrics(
      fakeSite([], new LqlError('status', 'dc1', 'unix:/nowhere', 'no table', 404)),
      observe,
    );
    await expect(refused.query(QUERY)).rejects.toThrow('no table');
    const cut = withQueryMetrics(
      fakeSite([[row('a')]], new LqlError('timeout', 'dc1', 'unix:/nowhere', 'too slow')),
      observe,
    );
    await expect(drain(await cut.query(QUERY))).rejects.toThrow('too slow');
    const odd = withQueryMetrics(fakeSite([], new Error('surprise')), observe);
    await expect(odd.query(QUERY)).rejects.toThrow('surprise');
    expect(observed).toEqual([
      ['dc1', 'status'],
      ['dc1', 'timeout'],
      ['dc1', 'error'],
    ]);
  });

  it('tells abandoned when the caller stops reading', async () => {
    const site = withQueryMetrics(fakeSite([[row('a')], [row('b')]]), observe);
    for await (const batch of await site.query(QUERY)) {
      expect(batch).toEqual([row('a')]);
      break;
    }
    expect(observed).toEqual([['dc1', 'abandoned']]);
  });
});
