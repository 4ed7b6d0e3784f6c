import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { components } from '../../../openapi/client';
import { type CliContext, collect, intOption, parseId } from '../context';
import { usageError } from '../errors';
import { flatten, keyValues, table } from '../output';
import { readSecretFile, readSecretLines } from '../password';
import { icingaFromOptions, type IcingaOptions, icingaOptions } from './target-icinga';

type Target = components['schemas']['TargetDto'];
type CreateTarget = components['schemas']['CreateTargetDto'];
type UpdateTarget = components['schemas']['UpdateTargetDto'];
type ProbeNow = components['schemas']['ProbeNowDto'];

export function targetRows(items: Target[]): string {
  return table(
    ['ID', 'Name', 'Status', 'Last Updated', 'Enabled', 'Pass', 'Fail'],
    items.map((t) => [t.id, t.name, t.status, t.lastUpdated, t.enabled, t.passCount, t.failCount]),
  );
}

export function showTarget(t: Target): string {
  return keyValues(flatten(t));
}

function showProbe(p: ProbeNow): string {
  const summary = keyValues([
    ['target', p.targetId],
    ['result', p.status],
    ['description', p.description],
    ['httpStatus', p.httpStatus],
    ['responseTimeMs', p.responseTimeMs],
    ['startedAt', p.startedAt],
    ['redirects', p.redirects],
    ['finalUrl', p.finalUrl],
    ['certificateExpiresAt', p.certificateExpiresAt],
    ['targetStatus', p.targetStatus],
    ['change', p.change ? `${p.change.from} -> ${p.change.to}` : null],
    ['notified', p.notified],
  ]);
  const trace = table(
    ['Step', 'ms', 'Detail'],
    p.steps.map((s) => [s.step, s.ms, s.detail]),
  );
  return `${summary}\n\ntrace:\n${trace}`;
}

interface AddOptions extends IcingaOptions {
  name?: string;
  url?: string;
  method?: string;
  frequency?: number;
  timeout?: number;
  expectStatus?: number | string | (number | string)[];
  followRedirects?: boolean;
  bodyContains?: string;
  bodyNotContains?: string;
  tlsCaFile?: string;
  tlsInsecure?: boolean;
  tlsServerName?: string;
  certExpiryDays?: number;
  bodyRegex?: string;
  maxResponseMs?: number;
  header?: string[];
  secretHeaderFile?: string;
  body?: string;
  disabled?: boolean;
  notifier?: string[];
  auth?: string;
  authUser?: string;
  authPasswordFile?: string;
  authUrl?: string;
  keystone?: 'v3' | 'v2.0';
  project?: string;
  projectId?: string;
  tenant?: string;
  tenantId?: string;
  userDomain?: string;
  projectDomain?: string;
  fromFile?: string;
}

/** `--expect-status`: `200`, `200,204`, `2xx` or `2xx,301`; the API checks the values. */
export function expectedStatusOption(value: string): number | string | (number | string)[] {
  const entries = value.split(',').map((e) => (/^\d+$/.test(e.trim()) ? Number(e) : e.trim()));
  if (entries.some((e) => e === '')) throw usageError(`--expect-status: an empty entry: ${value}`);
  return entries.length === 1 ? entries[0] : entries;
}

/** The PEM text of `--tls-ca-file`. */
function readPemFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`--tls-ca-file: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
  }
}

function readJsonFile(path: string): Record<string, unknown> {
  try {
    const text = readFileSync(path === '-' ? 0 : path, 'utf8');
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw usageError(
      `--from-file: cannot read a JSON object from ${path}: ${(err as Error).message}`,
    );
  }
}

/** The create request from the options (and an optional JSON file they override). */
export function targetFromOptions(o: AddOptions, env: NodeJS.ProcessEnv): CreateTarget {
  const body = requestFromOptions(o, env);
  if (typeof body.name !== 'string' || typeof body.url !== 'string') {
    throw usageError('targets add needs <name> and <url> (or both in --from-file)');
  }
  return body as unknown as CreateTarget;
}

/** The fields the options (and an optional JSON file they override) set. */
function requestFromOptions(o: AddOptions, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const body: Record<string, unknown> = o.fromFile ? readJsonFile(o.fromFile) : {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('name', o.name);
  set('url', o.url);
  set('method', o.method?.toUpperCase());
  set('frequencySeconds', o.frequency);
  set('timeoutSeconds', o.timeout);
  set('expectedStatus', o.expectStatus);
  set('followRedirects', o.followRedirects);
  set('bodyContains', o.bodyContains);
  set('bodyNotContains', o.bodyNotContains);
  set('certificateExpiryDays', o.certExpiryDays);
  if (o.tlsCaFile !== undefined || o.tlsInsecure || o.tlsServerName !== undefined) {
    body.tls = {
      ...(o.tlsCaFile !== undefined ? { caCertificate: readPemFile(o.tlsCaFile) } : {}),
      ...(o.tlsInsecure ? { insecureSkipVerify: true } : {}),
      ...(o.tlsServerName !== undefined ? { serverName: o.tlsServerName } : {}),
    };
  }
  set('bodyRegex', o.bodyRegex);
  set('maxResponseTimeMs', o.maxResponseMs);
  set('body', o.body);
  set('icinga', icingaFromOptions(o));
  if (o.disabled) body.enabled = false;
  if (o.notifier) body.notifierIds = o.notifier.map((n) => parseId(n, '--notifier'));
  if (o.header || o.secretHeaderFile) {
    const headers: Record<string, string | { value: string; secret: true }> = {};
    for (const h of o.header ?? []) {
      const i = h.indexOf(':');
      if (i < 1) throw usageError(`--header: expected "Name: value": ${h}`);
      headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    if (o.secretHeaderFile !== undefined) {
      readSecretLines(o.secretHeaderFile).forEach((line, n) => {
        const i = line.indexOf(':');
        // the line is not repeated: its value is a secret
        if (i < 1) {
          throw usageError(`--secret-header-file: line ${n + 1} is not "Name: value"`);
        }
        headers[line.slice(0, i).trim()] = { value: line.slice(i + 1).trim(), secret: true };
      });
    }
    body.headers = headers;
  }
  if (o.auth) {
    const type = o.auth.toUpperCase();
    const password =
      o.authPasswordFile !== undefined
        ? readSecretFile(o.authPasswordFile)
        : env.VIGIL_TARGET_PASSWORD || undefined;
    if (type === 'NONE') body.auth = { type };
    else if (type === 'BASIC') {
      if (!o.authUser) throw usageError('--auth basic needs --auth-user');
      body.auth = { type, username: o.authUser, password };
    } else if (type === 'OPENSTACK') {
      if (!o.authUser || !o.authUrl)
        throw usageError('--auth openstack needs --auth-user and --auth-url');
      body.auth = {
        type,
        authUrl: o.authUrl,
        username: o.authUser,
        password,
        keystoneVersion: o.keystone,
        projectName: o.project,
        projectId: o.projectId,
        tenantName: o.tenant,
        tenantId: o.tenantId,
        userDomain: o.userDomain,
        projectDomain: o.projectDomain,
      };
    } else throw usageError(`--auth: none, basic or openstack, not ${o.auth}`);
  }
  return body;
}

/** The options of `targets add` and `targets edit`, which set the same fields. */
function definitionOptions(command: Command, request: string): Command {
  return command
    .option('--method <method>', 'GET (default), HEAD, POST, PUT, PATCH or DELETE')
    .option(
      '--frequency <seconds>',
      'probe every this many seconds (1-86400, default 60)',
      intOption('--frequency', 1),
    )
    .option(
      '--timeout <seconds>',
      'give up after this many seconds (default 10)',
      intOption('--timeout', 1),
    )
    .option(
      '--expect-status <statuses>',
      'expected HTTP status: a code, a class like 2xx, or a list like 200,204 (default 200)',
      expectedStatusOption,
    )
    .option('--follow-redirects', 'follow redirects, at most 10 (the default)')
    .option('--no-follow-redirects', 'evaluate the first answer, even a redirect')
    .option('--body-contains <text>', 'the answer must contain this text')
    .option('--body-not-contains <text>', 'the answer must not contain this text')
    .option('--body-regex <regex>', 'the answer must match this regular expression')
    .option('--max-response-ms <ms>', 'slower answers fail', intOption('--max-response-ms', 1))
    .option('--tls-ca-file <file>', "trust this PEM file's CA certificates for the target's HTTPS")
    .option('--tls-insecure', "accept any certificate of the target's HTTPS (unverified)")
    .option('--tls-server-name <name>', 'check the certificate for this name instead of the host')
    .option(
      '--cert-expiry-days <days>',
      'fail when the certificate expires within this many days',
      intOption('--cert-expiry-days', 1, 3650),
    )
    .option(
      '--header <header>',
      '"Name: value" request header (repeatable; Authorization, Proxy-Authorization, ' +
        'X-Auth-Token, Cookie and X-Api-Key are kept secret, but a command line is visible to ' +
        'other users: prefer --secret-header-file for them)',
      collect,
    )
    .option(
      '--secret-header-file <file>',
      'read secret request headers from this file, one "Name: value" a line (write-only: ' +
        'never shown again)',
    )
    .option('--body <text>', 'request body')
    .option(
      '--notifier <id>',
      'notify only these notifiers (repeatable; default every one)',
      collect,
    )
    .addOption(
      new Option('--auth <type>', 'authentication').choices(['none', 'basic', 'openstack']),
    )
    .option('--auth-user <name>', 'user name for basic or openstack auth')
    .option(
      '--auth-password-file <file>',
      'read the target password from this file (else env VIGIL_TARGET_PASSWORD)',
    )
    .option('--auth-url <url>', 'Keystone URL (openstack)')
    .addOption(new Option('--keystone <version>', 'Keystone version').choices(['v3', 'v2.0']))
    .option('--project <name>', 'Keystone v3 project name')
    .option('--project-id <id>', 'Keystone v3 project id')
    .option('--tenant <name>', 'Keystone v2.0 tenant name')
    .option('--tenant-id <id>', 'Keystone v2.0 tenant id')
    .option('--user-domain <name>', 'Keystone v3 user domain (default Default)')
    .option('--project-domain <name>', 'Keystone v3 project domain (default Default)')
    .option(
      '--from-file <file>',
      `a JSON ${request} request (- for stdin); the options above override it`,
    );
}

export function registerTargets(program: Command, ctx: CliContext): void {
  const targets = program
    .command('targets')
    .description('list targets; show one (<id>), or enable|disable|test it')
    .argument('[id]', 'target id: show every field and counter')
    .argument('[action]', 'enable, disable, or test (probe now and print the result and trace)')
    .option('--status <status>', 'only targets with this status (NEW, PASS, FAIL)')
    .option('--search <text>', 'only targets whose name contains this text')
    .option('--limit <n>', 'at most this many (1-500)', intOption('--limit', 1, 500), 500)
    .option('--offset <n>', 'skip this many', intOption('--offset', 0), 0)
    .addHelpText(
      'after',
      '\nExamples:\n  vigil targets\n  vigil targets 7\n  vigil targets 7 test\n  vigil --json targets --status FAIL',
    )
    .action(
      async (
        id: string | undefined,
        action: string | undefined,
        o: { status?: string; search?: string; limit: number; offset: number },
      ) => {
        const api = await ctx.client();
        if (id === undefined) {
          const status = o.status?.toUpperCase();
          if (status && !['NEW', 'PASS', 'FAIL'].includes(status)) {
            throw usageError(`--status: NEW, PASS or FAIL, not ${o.status}`);
          }
          const { data } = await ctx.call(
            api.GET('/api/v1/targets', {
              params: {
                query: {
                  limit: o.limit,
                  offset: o.offset,
                  status: status as Target['status'] | undefined,
                  q: o.search,
                  sort: 'id',
                },
              },
            }),
          );
          ctx.output(data, () => {
            if (data.total > data.items.length) {
              ctx.warn(
                `showing ${data.items.length} of ${data.total} targets (use --limit/--offset)`,
              );
            }
            return targetRows(data.items);
          });
          return;
        }
        const targetId = parseId(id, 'target id');
        const path = { params: { path: { id: targetId } } };
        switch (action) {
          case undefined: {
            const { data } = await ctx.call(api.GET('/api/v1/targets/{id}', path));
            return ctx.output(data, () => showTarget(data));
          }
          case 'enable':
          case 'disable': {
            const { data } =
              action === 'enable'
                ? await ctx.call(api.POST('/api/v1/targets/{id}/enable', path))
                : await ctx.call(api.POST('/api/v1/targets/{id}/disable', path));
            return ctx.output(data, () => `target ${data.id} (${data.name}) ${action}d`);
          }
          case 'test': {
            const { data } = await ctx.call(api.POST('/api/v1/targets/{id}/probe', path));
            return ctx.output(data, () => showProbe(data));
          }
          default:
            throw usageError(`targets <id> [enable|disable|test]: unknown action ${action}`);
        }
      },
    );

  icingaOptions(
    definitionOptions(
      targets
        .command('add')
        .description('define a target (admin)')
        .argument('[name]', 'unique name')
        .argument('[url]', 'http(s) URL to probe, query string kept (quote it in the shell)'),
      'create',
    ),
    false,
  )
    .option('--disabled', 'create it disabled')
    .addHelpText(
      'after',
      '\nExample:\n  VIGIL_TARGET_PASSWORD=… vigil targets add billing https://billing/health \\\n    --frequency 30 --timeout 5 --auth basic --auth-user probe',
    )
    .action(async (name: string | undefined, url: string | undefined, o: AddOptions) => {
      const body = targetFromOptions({ ...o, name, url }, process.env);
      const api = await ctx.client();
      const { data } = await ctx.call(api.POST('/api/v1/targets', { body }));
      ctx.output(data, () => `created target ${data.id}\n${showTarget(data)}`);
    });

  icingaOptions(
    definitionOptions(
      targets
        .command('edit')
        .description('change the given fields of a target, keeping the others (admin)')
        .argument('<id>', 'target id')
        .option('--name <name>', 'a new unique name')
        .option('--url <url>', 'a new http(s) URL to probe'),
      'update (null clears a setting)',
    ),
    true,
  )
    .addHelpText(
      'after',
      '\nExample:\n  vigil targets edit 7 --expect-status 200,204 --no-follow-redirects',
    )
    .action(async (id: string, o: AddOptions) => {
      const targetId = parseId(id, 'target id');
      const body = requestFromOptions(o, process.env) as UpdateTarget;
      if (Object.keys(body).length === 0) throw usageError('targets edit: no field to change');
      const api = await ctx.client();
      const { data } = await ctx.call(
        api.PATCH('/api/v1/targets/{id}', { params: { path: { id: targetId } }, body }),
      );
      ctx.output(data, () => `changed target ${data.id}\n${showTarget(data)}`);
    });

  targets
    .command('rm')
    .description('delete a target (admin)')
    .argument('<id>', 'target id')
    .action(async (id: string) => {
      const targetId = parseId(id, 'target id');
      const api = await ctx.client();
      const { data } = await ctx.call(
        api.DELETE('/api/v1/targets/{id}', { params: { path: { id: targetId } } }),
      );
      ctx.output(data ?? null, () => `deleted target ${targetId}`);
    });
}
