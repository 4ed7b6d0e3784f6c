import type { Command } from 'commander';
import type { components } from '../../../openapi/client';
import { type CliContext, intOption, parseId } from '../context';
import { CliError, EXIT, usageError } from '../errors';
import { parseDuration, parseTime } from '../duration';
import { print, table } from '../output';
import { outcomeText, transportOption } from './commands';

type Downtime = components['schemas']['DowntimeDto'];
type CreateDowntime = components['schemas']['CreateDowntimeDto'];
type Transport = 'pipe' | 'livestatus';

export function downtimeRows(items: Downtime[]): string {
  return table(
    ['ID', 'Host', 'Service', 'Start', 'End', 'Fixed', 'Author', 'Comment'],
    items.map((d) => [
      d.id,
      d.hostName,
      d.serviceDescription,
      d.start,
      d.end,
      d.fixed,
      d.author,
      d.comment,
    ]),
  );
}

interface AddOptions {
  host?: string;
  service?: string;
  allServices?: boolean;
  hostgroup?: string;
  servicegroup?: string;
  duration: string;
  start?: string;
  flexible?: boolean;
  comment: string;
  author?: string;
  transport?: Transport;
  site?: string;
}

/** The create request from the options; which objects it covers must be unambiguous. */
export function downtimeFromOptions(o: AddOptions, now = new Date()): CreateDowntime {
  const body: CreateDowntime = {
    comment: o.comment,
    durationSeconds: parseDuration(o.duration),
    fixed: !o.flexible,
    author: o.author,
    transport: o.transport,
    site: o.site,
  };
  if (o.start) body.start = parseTime(o.start, now);
  if (o.hostgroup) {
    if (o.host || o.servicegroup || o.service) {
      throw usageError('--hostgroup goes alone (with --all-services for their services too)');
    }
    return { ...body, hostGroup: o.hostgroup, allServices: o.allServices || undefined };
  }
  if (o.servicegroup) {
    if (o.host || o.service || o.allServices) throw usageError('--servicegroup goes alone');
    return { ...body, serviceGroup: o.servicegroup };
  }
  if (!o.host) throw usageError('downtime add needs --host, --hostgroup or --servicegroup');
  if (o.service && o.allServices) throw usageError('give either --service or --all-services');
  return {
    ...body,
    hostName: o.host,
    serviceDescription: o.service,
    allServices: o.allServices || undefined,
  };
}

export function registerDowntimes(program: Command, ctx: CliContext): void {
  const downtime = program.command('downtime').description('schedule, list and delete downtimes');

  downtime
    .command('add')
    .description(
      'schedule a downtime for a host (or one/all of its services), a host group or a service group',
    )
    .option('--host <host>', 'host name')
    .option('--service <service>', 'one service of the host')
    .option('--all-services', 'the host (or host group) and all its services')
    .option('--hostgroup <group>', 'every host of a host group')
    .option('--servicegroup <group>', 'every service of a service group')
    .requiredOption('--duration <duration>', 'how long: 90s, 30m, 2h, 1h30m, 1d (or seconds)')
    .option('--start <time>', 'when it starts: ISO 8601, now (default), or +10m')
    .option('--flexible', 'flexible rather than fixed: starts when the object goes down')
    .requiredOption('--comment <text>', 'why')
    .option('--author <name>', 'author (default: you)')
    .addOption(transportOption())
    .option('--site <name>', 'site')
    .addHelpText(
      'after',
      "\nExample:\n  ids=$(vigil --json downtime add --host web-01 --all-services --duration 30m \\\n    --comment 'rollout 1234' | jq -r '.downtimes[].id')",
    )
    .action(async (o: AddOptions) => {
      const body = downtimeFromOptions(o);
      const api = await ctx.client();
      const { data } = await ctx.call(api.POST('/api/v1/downtimes', { body }));
      ctx.output(data, () => {
        const head = outcomeText(`${data.downtimes.length} downtime(s) scheduled`, data);
        return data.downtimes.length ? `${head}\n\n${downtimeRows(data.downtimes)}` : head;
      });
    });

  downtime
    .command('ls')
    .description('current downtimes')
    .option('--host <host>', 'only downtimes of this host')
    .option('--service <service>', 'only downtimes of this service')
    .option('--site <name>', 'site')
    .option('--limit <n>', 'at most this many (1-500)', intOption('--limit', 1, 500), 500)
    .option('--offset <n>', 'skip this many', intOption('--offset', 0), 0)
    .action(
      async (o: {
        host?: string;
        service?: string;
        site?: string;
        limit: number;
        offset: number;
      }) => {
        const api = await ctx.client();
        const { data } = await ctx.call(
          api.GET('/api/v1/downtimes', {
            params: {
              query: {
                hostName: o.host,
                serviceDescription: o.service,
                site: o.site,
                limit: o.limit,
                offset: o.offset,
              },
            },
          }),
        );
        ctx.output(data, () => {
          if (data.total > data.items.length) {
            ctx.warn(
              `showing ${data.items.length} of ${data.total} downtimes (use --limit/--offset)`,
            );
          }
          return downtimeRows(data.items);
        });
      },
    );

  downtime
    .command('rm')
    .description('delete downtimes by id; with --json prints the list of answers')
    .argument('<id...>', 'downtime ids (from downtime ls or add)')
    .addOption(transportOption())
    .option('--site <name>', 'site')
    .action(async (ids: string[], o: { transport?: Transport; site?: string }) => {
      const numbers = ids.map((id) => parseId(id, 'downtime id'));
      const api = await ctx.client();
      const answers: unknown[] = [];
      const failed: string[] = [];
      for (const id of numbers) {
        try {
          const { data } = await ctx.call(
            api.DELETE('/api/v1/downtimes/{id}', {
              params: { path: { id }, query: { transport: o.transport, site: o.site } },
            }),
          );
          answers.push(data);
          if (!ctx.json) print(outcomeText(`downtime ${id} deleted`, data));
        } catch (err) {
          // a refusal for one id does not stop the others; connection problems do
          if (!(err instanceof CliError) || err.exitCode !== EXIT.refused) throw err;
          failed.push(`downtime ${id}: ${err.message}`);
        }
      }
      if (ctx.json) ctx.output(answers, () => undefined);
      if (failed.length) throw new CliError(EXIT.refused, failed.join('\nvigil: '));
    });
}
