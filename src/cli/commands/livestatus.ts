import type { Command } from 'commander';
import type { CliContext } from '../context';
import { objectTable, table } from '../output';

type Row = Record<string, unknown>;

/** Rows as the API answers them: a list, or (with --key) an object keyed by that column. */
export function queryTable(data: unknown, key?: string): string {
  if (Array.isArray(data)) return objectTable(data as Row[]);
  if (data && typeof data === 'object') {
    const column = key ?? 'key';
    const rows = Object.entries(data as Record<string, Row>).map(([k, row]) => ({
      [column]: k,
      ...row,
    }));
    return objectTable(rows, [column]);
  }
  return String(data);
}

export function registerLivestatus(program: Command, ctx: CliContext): void {
  program
    .command('query')
    .description('run one livestatus GET query (LQL) on every site, or on --site')
    .argument('<lql>', 'the query; "\\n" in it stands for a new line')
    .option('--key <column>', 'answer an object keyed by this column')
    .option('--site <name>', 'ask this site only (comma-separated for several)')
    .addHelpText(
      'after',
      "\nExamples:\n  vigil query 'GET hosts\\nColumns: name state'\n  vigil --json query 'GET services\\nColumns: host_name description state\\nFilter: state > 0' --key description",
    )
    .action(async (lql: string, o: { key?: string; site?: string }) => {
      const api = await ctx.client();
      const query = lql.replace(/\\n/g, '\n');
      const { data, response } = await ctx.call(
        api.POST('/api/v1/livestatus/query', {
          body: { query, key: o.key, site: o.site, format: 'json' },
        }),
      );
      const siteErrors = response.headers.get('vigil-site-errors');
      if (siteErrors) {
        for (const e of JSON.parse(siteErrors) as {
          site: string;
          status: number;
          detail: string;
        }[]) {
          ctx.warn(`site ${e.site} failed (${e.status}): ${e.detail}`);
        }
      }
      ctx.output(data, () => queryTable(data, o.key));
    });

  program
    .command('sites')
    .description('the livestatus sites with reachability, latency and version')
    .action(async () => {
      const api = await ctx.client();
      const { data } = await ctx.call(api.GET('/api/v1/livestatus/sites'));
      ctx.output(data, () =>
        table(
          ['Name', 'Address', 'Reachable', 'Latency ms', 'Version', 'Error'],
          data.map((s) => [s.name, s.address, s.reachable, s.latencyMs, s.programVersion, s.error]),
        ),
      );
    });
}
