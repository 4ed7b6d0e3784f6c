import type { Command } from 'commander';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { CliContext } from '../context';
import { CliError, EXIT, maskUrl, usageError } from '../errors';
import { table } from '../output';
import {
  mapNotifier,
  mapTarget,
  type Mapped,
  type SkypunchNotifier,
  type SkypunchTarget,
} from '../skypunch';

type Action = 'created' | 'would create' | 'skipped' | 'failed';

export interface ImportLine {
  kind: 'target' | 'notifier';
  skypunchId: number;
  name: string;
  action: Action;
  /** The id in vigil: of the new item, or of the existing one it was skipped for. */
  vigilId: number | null;
  reason: string | null;
}

async function readSkypunch(
  url: string,
): Promise<{ targets: SkypunchTarget[]; notifiers: SkypunchNotifier[] }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--from: not a URL: ${maskUrl(url)}`);
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw usageError(`--from: expected mysql://user:pass@host:3306/skypunch, not ${maskUrl(url)}`);
  }
  if (parsed.pathname.length < 2) throw usageError('--from: name the skypunch database in the URL');
  const { createConnection } = await import('mysql2/promise');
  let db: Connection;
  try {
    db = await createConnection({
      host: parsed.hostname,
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database: decodeURIComponent(parsed.pathname.slice(1)),
      connectTimeout: 10000,
    });
  } catch (err) {
    throw new CliError(
      EXIT.connection,
      `cannot connect to ${maskUrl(url)}: ${(err as { code?: string }).code ?? (err as Error).message}`,
    );
  }
  try {
    const [targets] = await db.query<RowDataPacket[]>('SELECT * FROM targets ORDER BY id');
    const [notifiers] = await db.query<RowDataPacket[]>('SELECT * FROM notifiers ORDER BY id');
    return {
      targets: targets as unknown as SkypunchTarget[],
      notifiers: notifiers as unknown as SkypunchNotifier[],
    };
  } catch (err) {
    throw new CliError(EXIT.refused, `cannot read skypunch's tables: ${(err as Error).message}`);
  } finally {
    await db.end();
  }
}

export function registerImport(program: Command, ctx: CliContext): void {
  const imp = program.command('import').description('import definitions from another tool');
  imp
    .command('skypunch')
    .description(
      "create vigil targets and notifiers from a skypunch database's targets and notifiers tables; " +
        'items whose name exists in vigil are skipped, so running it again creates nothing twice',
    )
    .requiredOption('--from <url>', 'the skypunch database: mysql://user:pass@host:3306/skypunch')
    .option('--dry-run', 'only print what would be created')
    .option('--smtp-from <email>', 'sender address for imported notifiers (skypunch has none)')
    .addHelpText(
      'after',
      '\nExample:\n  vigil import skypunch --from mysql://skypunch:…@db:3306/skypunch --dry-run',
    )
    .action(async (o: { from: string; dryRun?: boolean; smtpFrom?: string }) => {
      const source = await readSkypunch(o.from);
      const api = await ctx.client();
      const [targets, notifiers] = await Promise.all([
        ctx.call(api.GET('/api/v1/targets', { params: { query: { limit: 500, sort: 'id' } } })),
        ctx.call(api.GET('/api/v1/notifiers', { params: { query: { limit: 500, sort: 'id' } } })),
      ]);
      if (targets.data.total > 500 || notifiers.data.total > 500) {
        // a name check against a partial list could create duplicates: refuse instead
        throw new CliError(
          EXIT.refused,
          'vigil holds more than 500 targets or notifiers: import by hand',
        );
      }
      const existing = {
        target: new Map(targets.data.items.map((t) => [t.name, t.id])),
        notifier: new Map(notifiers.data.items.map((n) => [n.name, n.id])),
      };
      const lines: ImportLine[] = [];
      const handle = async <T extends { name: string }>(
        kind: 'target' | 'notifier',
        row: { id: number; name: string },
        mapped: Mapped<T>,
        create: (body: T) => Promise<{ data: { id: number } }>,
      ) => {
        const line: ImportLine = {
          kind,
          skypunchId: Number(row.id),
          name: String(row.name ?? ''),
          action: 'skipped',
          vigilId: null,
          reason: null,
        };
        lines.push(line);
        if (!mapped.ok) {
          line.reason = mapped.reason;
          return;
        }
        const already = existing[kind].get(mapped.body.name);
        if (already !== undefined) {
          line.vigilId = already > 0 ? already : null;
          line.reason =
            already > 0
              ? `a ${kind} with this name exists in vigil (id ${already})`
              : `an earlier skypunch ${kind} has the same name`;
          return;
        }
        line.reason = mapped.notes.join('; ') || null;
        if (o.dryRun) {
          line.action = 'would create';
          existing[kind].set(mapped.body.name, -1);
          return;
        }
        try {
          const { data } = await create(mapped.body);
          line.action = 'created';
          line.vigilId = data.id;
          existing[kind].set(mapped.body.name, data.id);
        } catch (err) {
          if (!(err instanceof CliError) || err.exitCode !== EXIT.refused) throw err;
          line.action = 'failed';
          line.reason = err.message;
        }
      };
      // notifiers first: a target created without notifierIds notifies every enabled notifier
      for (const row of source.notifiers) {
        await handle('notifier', row, mapNotifier(row, o.smtpFrom), (body) =>
          ctx.call(api.POST('/api/v1/notifiers', { body })),
        );
      }
      for (const row of source.targets) {
        await handle('target', row, mapTarget(row), (body) =>
          ctx.call(api.POST('/api/v1/targets', { body })),
        );
      }
      const report = { dryRun: o.dryRun === true, items: lines };
      ctx.output(report, () => {
        const count = (a: Action) => lines.filter((l) => l.action === a).length;
        const summary = o.dryRun
          ? `dry run: would create ${count('would create')}, skip ${count('skipped')}`
          : `created ${count('created')}, skipped ${count('skipped')}, failed ${count('failed')}`;
        return `${table(
          ['Kind', 'Skypunch ID', 'Name', 'Action', 'Vigil ID', 'Reason'],
          lines.map((l) => [l.kind, l.skypunchId, l.name, l.action, l.vigilId, l.reason]),
        )}\n\n${summary}`;
      });
      const failed = lines.filter((l) => l.action === 'failed').length;
      if (failed) throw new CliError(EXIT.refused, `${failed} item(s) could not be created`);
    });
}
