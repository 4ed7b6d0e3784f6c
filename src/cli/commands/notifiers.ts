import { type Command, Option } from 'commander';
import type { components } from '../../../openapi/client';
import { type CliContext, collect, intOption, parseId } from '../context';
import { usageError } from '../errors';
import { flatten, keyValues, table } from '../output';
import { readSecretFile, readSecretLines } from '../password';

type Notifier = components['schemas']['NotifierDto'];
type CreateNotifier = components['schemas']['CreateNotifierDto'];
type UpdateNotifier = components['schemas']['UpdateNotifierDto'];
type WebhookSettings = components['schemas']['WebhookSettingsDto'];
type WebhookFormat = NonNullable<WebhookSettings['format']>;

export function notifierRows(items: Notifier[]): string {
  return table(
    ['ID', 'Name', 'Type', 'Enabled', 'Recipients', 'Server', 'Sent', 'Failed', 'Last Sent'],
    items.map((n) => [
      n.id,
      n.name,
      n.type,
      n.enabled,
      n.address,
      n.smtp ? `${n.smtp.host}:${n.smtp.port}` : (n.webhook?.origin ?? null),
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
  address?: string[];
  smtpHost?: string;
  smtpPort?: number;
  security?: 'none' | 'starttls' | 'tls';
  smtpUser?: string;
  smtpPasswordFile?: string;
  from?: string;
  webhook?: boolean;
  webhookUrlFile?: string;
  format?: WebhookFormat;
  headerFile?: string;
  disabled?: boolean;
}

/** The headers of a file of `Name: value` lines; an error names the line, never a value. */
export function readHeaderFile(path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [i, line] of readSecretLines(path).entries()) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name) throw usageError(`${path}, line ${i + 1}: expected "Name: value"`);
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * The webhook settings the options give, or undefined when they give none: the URL from
 * --webhook-url-file, else the environment variable VIGIL_WEBHOOK_URL (never an argument, which
 * other users of the machine could read).
 */
function webhookFromOptions(
  o: Pick<AddOptions, 'webhook' | 'webhookUrlFile' | 'format' | 'headerFile'>,
  env: NodeJS.ProcessEnv,
): WebhookSettings | undefined {
  if (!o.webhook && !o.webhookUrlFile && !o.format && o.headerFile === undefined) return undefined;
  const url =
    o.webhookUrlFile !== undefined ? readSecretFile(o.webhookUrlFile) : env.VIGIL_WEBHOOK_URL;
  return {
    ...(url ? { url } : {}),
    ...(o.format ? { format: o.format } : {}),
    ...(o.headerFile !== undefined ? { headers: readHeaderFile(o.headerFile) } : {}),
  };
}

function addressOf(o: Pick<AddOptions, 'address'>): string[] | undefined {
  return o.address
    ?.flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter(Boolean);
}

export function notifierFromOptions(o: AddOptions, env: NodeJS.ProcessEnv): CreateNotifier {
  const webhook = webhookFromOptions(o, env);
  if (webhook && o.smtpHost) throw usageError('a notifier is either SMTP or a webhook, not both');
  const body: CreateNotifier = { name: o.name, type: webhook ? 'WEBHOOK' : 'SMTP' };
  const address = addressOf(o);
  if (address) body.address = address;
  if (webhook) body.webhook = webhook;
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

  const add = notifiers
    .command('add')
    .description('define an e-mail or webhook notifier (admin)')
    .argument('<name>', 'unique name')
    .option('--address <email>', 'recipient of mail (repeatable, or comma-separated)', collect)
    .option('--webhook', 'a webhook notifier (URL from env VIGIL_WEBHOOK_URL)');
  settingOptions(add, 'add')
    .option('--disabled', 'create it disabled')
    .addHelpText(
      'after',
      '\nExamples:\n  vigil notifiers add ops --address ops@example.com --smtp-host mail.example --from vigil@example.com' +
        '\n  vigil notifiers add chat --webhook-url-file slack-url.txt --format slack',
    )
    .action(async (name: string, o: Omit<AddOptions, 'name'>) => {
      const body = notifierFromOptions({ ...o, name }, process.env);
      const api = await ctx.client();
      const { data } = await ctx.call(api.POST('/api/v1/notifiers', { body }));
      ctx.output(data, () => `created notifier ${data.id}\n${showNotifier(data)}`);
    });

  const edit = notifiers
    .command('edit')
    .description(
      'change a notifier (admin): the fields given; SMTP settings are replaced as a whole, ' +
        'a webhook keeps its URL and headers unless given',
    )
    .argument('<id>', 'notifier id')
    .option('--name <name>', 'new unique name')
    .option('--address <email>', 'recipients of mail, replacing the list', collect);
  settingOptions(edit, 'edit')
    .addHelpText('after', '\nExample:\n  vigil notifiers edit 3 --webhook-url-file new-url.txt')
    .action(async (id: string, o: Omit<AddOptions, 'name' | 'webhook'> & { name?: string }) => {
      const notifierId = parseId(id, 'notifier id');
      const path = { params: { path: { id: notifierId } } };
      const api = await ctx.client();
      const body: UpdateNotifier = {};
      if (o.name !== undefined) body.name = o.name;
      const address = addressOf(o);
      if (address) body.address = address;
      if (o.smtpHost) body.smtp = notifierFromOptions({ ...o, name: '' }, {}).smtp;
      else if (o.from || o.smtpUser || o.smtpPort || o.security || o.smtpPasswordFile) {
        throw usageError('SMTP settings are replaced as a whole: give --smtp-host and --from too');
      }
      const webhook = webhookFromOptions(o, {});
      if (webhook) {
        if (!webhook.format) {
          // the settings are replaced as a whole: keep the format unless a new one is given
          const { data } = await ctx.call(api.GET('/api/v1/notifiers/{id}', path));
          if (data.webhook) webhook.format = data.webhook.format;
        }
        body.webhook = webhook;
      }
      if (Object.keys(body).length === 0) throw usageError('notifiers edit: nothing to change');
      const { data } = await ctx.call(api.PATCH('/api/v1/notifiers/{id}', { ...path, body }));
      ctx.output(data, () => `changed notifier ${data.id}\n${showNotifier(data)}`);
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

/** The SMTP and webhook options of `add` and `edit`; secrets are read from files, never given. */
function settingOptions(command: Command, verb: 'add' | 'edit'): Command {
  return command
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
      verb === 'add'
        ? 'read the SMTP password from this file (else env VIGIL_SMTP_PASSWORD)'
        : 'read a new SMTP password from this file',
    )
    .option('--from <email>', 'sender address')
    .option(
      '--webhook-url-file <file>',
      verb === 'add'
        ? 'a webhook notifier: read its URL from this file'
        : 'read a new webhook URL from this file',
    )
    .addOption(
      new Option('--format <format>', 'webhook body (default json)').choices([
        'json',
        'slack',
        'teams',
      ]),
    )
    .option(
      '--header-file <file>',
      verb === 'add'
        ? 'webhook request headers, a "Name: value" line each'
        : 'replace the webhook headers ("Name: value" lines; an empty file: none)',
    );
}
