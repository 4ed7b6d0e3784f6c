import { type Command, Option } from 'commander';
import type { components } from '../../../openapi/client';
import { type CliContext, collect, intOption, parseId } from '../context';
import { usageError } from '../errors';
import { flatten, keyValues, table } from '../output';
import { readSecretFile } from '../password';

type Notifier = components['schemas']['NotifierDto'];
type CreateNotifier = components['schemas']['CreateNotifierDto'];

export function notifierRows(items: Notifier[]): string {
  return table(
    ['ID', 'Name', 'Enabled', 'Recipients', 'SMTP', 'Sent', 'Failed', 'Last Sent'],
    items.map((n) => [
      n.id,
      n.name,
      n.enabled,
      n.address,
      n.smtp ? `${n.smtp.host}:${n.smtp.port}` : null,
      n.sentCount,
      n.failedCount,
      n.lastSentAt,
    ]),
  );
}

function showNotifier(n: Notifier): string {
  return keyValues(flatten(n));
}

interface AddOptions {
  name: string;
  address: string[];
  smtpHost?: string;
  smtpPort?: number;
  security?: 'none' | 'starttls' | 'tls';
  smtpUser?: string;
  smtpPasswordFile?: string;
  from?: string;
  disabled?: boolean;
}

export function notifierFromOptions(o: AddOptions, env: NodeJS.ProcessEnv): CreateNotifier {
  const address = o.address
    .flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter(Boolean);
  const body: CreateNotifier = { name: o.name, address, type: 'SMTP' };
  if (o.disabled) body.enabled = false;
  if (o.smtpHost) {
    if (!o.from) throw usageError('--smtp-host needs --from (the sender address)');
    const password =
      o.smtpPasswordFile !== undefined
        ? readSecretFile(o.smtpPasswordFile)
        : env.VIGIL_SMTP_PASSWORD || undefined;
    body.smtp = {
      host: o.smtpHost,
      port: o.smtpPort,
      security: o.security,
      username: o.smtpUser,
      password: o.smtpUser ? password : undefined,
      from: o.from,
    };
  }
  return body;
}

export function registerNotifiers(program: Command, ctx: CliContext): void {
  const notifiers = program
    .command('notifiers')
    .description('list notifiers; show one (<id>), or enable|disable|test it')
    .argument('[id]', 'notifier id: show every field')
    .argument('[action]', 'enable, disable, or test (send a test mail)')
    .option('--limit <n>', 'at most this many (1-500)', intOption('--limit', 1, 500), 500)
    .option('--offset <n>', 'skip this many', intOption('--offset', 0), 0)
    .action(
      async (id: string | undefined, action: string | undefined, o: Record<string, unknown>) => {
        const api = await ctx.client();
        if (id === undefined) {
          const { data } = await ctx.call(
            api.GET('/api/v1/notifiers', {
              params: {
                query: { limit: o.limit as number, offset: o.offset as number, sort: 'id' },
              },
            }),
          );
          ctx.output(data, () => {
            if (data.total > data.items.length) {
              ctx.warn(
                `showing ${data.items.length} of ${data.total} notifiers (use --limit/--offset)`,
              );
            }
            return notifierRows(data.items);
          });
          return;
        }
        const path = { params: { path: { id: parseId(id, 'notifier id') } } };
        switch (action) {
          case undefined: {
            const { data } = await ctx.call(api.GET('/api/v1/notifiers/{id}', path));
            return ctx.output(data, () => showNotifier(data));
          }
          case 'enable':
          case 'disable': {
            const { data } =
              action === 'enable'
                ? await ctx.call(api.POST('/api/v1/notifiers/{id}/enable', path))
                : await ctx.call(api.POST('/api/v1/notifiers/{id}/disable', path));
            return ctx.output(data, () => `notifier ${data.id} (${data.name}) ${action}d`);
          }
          case 'test': {
            const { data } = await ctx.call(api.POST('/api/v1/notifiers/{id}/test', path));
            return ctx.output(data, () => keyValues(flatten(data)));
          }
          default:
            throw usageError(`notifiers <id> [enable|disable|test]: unknown action ${action}`);
        }
      },
    );

  notifiers
    .command('add')
    .description('define an e-mail notifier (admin)')
    .argument('<name>', 'unique name')
    .requiredOption('--address <email>', 'recipient (repeatable, or comma-separated)', collect)
    .option('--smtp-host <host>', 'SMTP server')
    .option('--smtp-port <port>', 'SMTP port', intOption('--smtp-port', 1, 65535))
    .addOption(
      new Option('--security <mode>', 'SMTP security (default starttls)').choices([
        'none',
        'starttls',
        'tls',
      ]),
    )
    .option('--smtp-user <name>', 'SMTP login')
    .option(
      '--smtp-password-file <file>',
      'read the SMTP password from this file (else env VIGIL_SMTP_PASSWORD)',
    )
    .option('--from <email>', 'sender address')
    .option('--disabled', 'create it disabled')
    .addHelpText(
      'after',
      '\nExample:\n  vigil notifiers add ops --address ops@example.com --smtp-host mail.example --from vigil@example.com',
    )
    .action(async (name: string, o: Omit<AddOptions, 'name'>) => {
      const body = notifierFromOptions({ ...o, name }, process.env);
      const api = await ctx.client();
      const { data } = await ctx.call(api.POST('/api/v1/notifiers', { body }));
      ctx.output(data, () => `created notifier ${data.id}\n${showNotifier(data)}`);
    });

  notifiers
    .command('rm')
    .description('delete a notifier (admin; refused while a target names it)')
    .argument('<id>', 'notifier id')
    .action(async (id: string) => {
      const notifierId = parseId(id, 'notifier id');
      const api = await ctx.client();
      const { data } = await ctx.call(
        api.DELETE('/api/v1/notifiers/{id}', { params: { path: { id: notifierId } } }),
      );
      ctx.output(data ?? null, () => `deleted notifier ${notifierId}`);
    });
}
