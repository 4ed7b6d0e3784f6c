import { type Command, Option } from 'commander';
import type { components } from '../../../openapi/client';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { keyValues } from '../output';

type Outcome = components['schemas']['CommandOutcomeDto'];
type Transport = 'pipe' | 'livestatus' | 'api';

export const transportOption = () =>
  new Option(
    '--transport <transport>',
    "send through the command pipe or livestatus, or an Icinga 2 site's REST API (api)",
  ).choices(['pipe', 'livestatus', 'api']);

/**
 * Splits `NAME;arg;arg` into the command and its arguments; with `arity` known, the last
 * argument keeps any further `;` (free-text comments, plugin output).
 */
export function splitCommand(line: string, arity?: number): { command: string; args: string[] } {
  const text = line.replace(/^\s*\[\d+\]\s*/, '');
  const i = text.indexOf(';');
  const command = (i < 0 ? text : text.slice(0, i)).trim();
  if (!command) throw usageError('cmd: expected NAME;arg;arg…');
  if (i < 0) return { command, args: [] };
  const parts = text.slice(i + 1).split(';');
  if (arity !== undefined && arity > 0 && parts.length > arity) {
    return { command, args: [...parts.slice(0, arity - 1), parts.slice(arity - 1).join(';')] };
  }
  return { command, args: parts };
}

/** How a typed command's answer reads for people. */
export function outcomeText(what: string, o: Outcome): string {
  const lines = [o.confirmed ? `${what}: confirmed` : `${what}: sent, not confirmed yet`];
  if (o.warning) lines.push(`warning: ${o.warning}`);
  for (const c of o.commands) lines.push(`  ${c.transport} ${c.site}: ${c.line.trimEnd()}`);
  return lines.join('\n');
}

const EXIT_STATUS: Record<string, number> = {
  OK: 0,
  UP: 0,
  WARNING: 1,
  DOWN: 1,
  CRITICAL: 2,
  UNKNOWN: 3,
};

export function registerCommands(program: Command, ctx: CliContext): void {
  program
    .command('cmd')
    .description(
      'send one Icinga external command, e.g. SCHEDULE_FORCED_SVC_CHECK;web-01;http;1700000000',
    )
    .argument('<command>', 'NAME;arg;arg… as in the command pipe (no [timestamp] needed)')
    .addOption(transportOption())
    .option('--site <name>', 'site to send to (default: the first configured)')
    .action(async (line: string, o: { transport?: Transport; site?: string }) => {
      const api = await ctx.client();
      const { data: catalog } = await ctx.call(api.GET('/api/v1/commands/catalog'));
      const name = splitCommand(line).command;
      const entry = catalog.find((c) => c.name === name.toUpperCase());
      const { command, args } = splitCommand(line, entry?.args.length);
      const { data } = await ctx.call(
        api.POST('/api/v1/commands', {
          body: { command, args, transport: o.transport, site: o.site },
        }),
      );
      ctx.output(data, () =>
        keyValues([
          ['sent', data.line],
          ['transport', data.transport],
          ['site', data.site],
          ['submittedAt', data.submittedAt],
        ]),
      );
    });

  const ack = program
    .command('ack')
    .description('acknowledge a host or service problem, or remove it');
  ack
    .command('add')
    .description('acknowledge a problem (refused when the object is OK/UP)')
    .requiredOption('--host <host>', 'host name')
    .option('--service <service>', 'service description (else the host)')
    .requiredOption('--comment <text>', 'why')
    .option('--sticky', 'stay until the object is OK again, not just until the next state change')
    .option('--no-notify', 'do not notify contacts')
    .option('--no-persistent', 'forget the comment on restart')
    .option('--author <name>', 'author (default: you)')
    .addOption(transportOption())
    .option('--site <name>', 'site')
    .action(
      async (o: {
        host: string;
        service?: string;
        comment: string;
        sticky?: boolean;
        notify: boolean;
        persistent: boolean;
        author?: string;
        transport?: Transport;
        site?: string;
      }) => {
        const api = await ctx.client();
        const { data } = await ctx.call(
          api.POST('/api/v1/acknowledgements', {
            body: {
              hostName: o.host,
              serviceDescription: o.service,
              comment: o.comment,
              sticky: o.sticky ?? false,
              notify: o.notify,
              persistent: o.persistent,
              author: o.author,
              transport: o.transport,
              site: o.site,
            },
          }),
        );
        ctx.output(data, () => outcomeText('acknowledged', data));
      },
    );
  ack
    .command('rm')
    .description('remove the acknowledgement of a host or service')
    .requiredOption('--host <host>', 'host name')
    .option('--service <service>', 'service description (else the host)')
    .addOption(transportOption())
    .option('--site <name>', 'site')
    .action(async (o: { host: string; service?: string; transport?: Transport; site?: string }) => {
      const api = await ctx.client();
      const { data } = await ctx.call(
        api.DELETE('/api/v1/acknowledgements', {
          params: {
            query: {
              hostName: o.host,
              serviceDescription: o.service,
              transport: o.transport,
              site: o.site,
            },
          },
        }),
      );
      ctx.output(data, () => outcomeText('acknowledgement removed', data));
    });

  program
    .command('check-result')
    .description('submit a passive check result for a host or service')
    .requiredOption('--host <host>', 'host name')
    .option('--service <service>', 'service description (else the host)')
    .requiredOption(
      '--status <status>',
      'OK|WARNING|CRITICAL|UNKNOWN or 0-3 (hosts: UP|DOWN or 0|1)',
    )
    .requiredOption('--output <text>', 'plugin output')
    .addOption(transportOption())
    .option('--site <name>', 'site')
    .action(
      async (o: {
        host: string;
        service?: string;
        status: string;
        output: string;
        transport?: Transport;
        site?: string;
      }) => {
        const s = o.status.toUpperCase();
        const exitStatus = /^[0-3]$/.test(s) ? Number(s) : EXIT_STATUS[s];
        if (exitStatus === undefined) {
          throw usageError(
            `--status: OK, WARNING, CRITICAL, UNKNOWN, UP, DOWN or 0-3, not ${o.status}`,
          );
        }
        const api = await ctx.client();
        const { data } = await ctx.call(
          api.POST('/api/v1/check-results', {
            body: {
              hostName: o.host,
              serviceDescription: o.service,
              exitStatus: exitStatus as 0 | 1 | 2 | 3,
              output: o.output,
              transport: o.transport,
              site: o.site,
            },
          }),
        );
        ctx.output(data, () => outcomeText('check result submitted', data));
      },
    );
}
