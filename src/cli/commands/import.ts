import type { Command } from 'commander';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { CliContext } from '../context';
import { CliError, EXIT, maskUrl, usageError } from '../errors';
import { table } from '../output';
import {
  mapNotifier,
  mapNotifierStatistics,
  mapTarget,
  mapTargetState,
  type Mapped,
  type SkypunchNotifier,
  type SkypunchTarget,
  vigilNames,
} from '../skypunch';

/** What happens to a row: imported (or would be, on --dry-run), already there, or refused. */
type Action = 'import' | 'exists' | 'failed';

export interface ImportLine {
  kind: 'target' | 'notifier';
  skypunchId: number;
  /** The name in vigil (`name (2)` for a later row with a name taken by an earlier one). */
  name: string;
  action: Action;
  /** The id in vigil: of the new item, or of the existing one; null on --dry-run. */
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
      "create vigil targets and notifiers from a skypunch database's targets and notifiers tables, " +
        'with their enabled flags, status and counters; a row whose vigil name exists is left ' +
        'alone, so running it again changes nothing. Exit 1 when a row cannot be imported',
    )
    .requiredOption('--from <url>', 'the skypunch database: mysql://user:pass@host:3306/skypunch')
    .option('--dry-run', 'check every row with vigil as the import would, and create nothing')
    .option(
      '--smtp-from <email>',
      'sender address of the imported notifiers (default: their SMTP user when it is an address, else vigil@<server>)',
    )
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
      // vigil compares names ignoring case
      const existing = {
        target: new Map(targets.data.items.map((t) => [t.name.toLowerCase(), t.id])),
        notifier: new Map(notifiers.data.items.map((n) => [n.name.toLowerCase(), n.id])),
      };
      const lines: ImportLine[] = [];
      const dryRun = o.dryRun === true;
      /**
       * One row: refused when it cannot be mapped, "exists" when vigil has an item of its name
       * (so that a second run changes nothing), else checked by the API's validate operation on
       * --dry-run, created otherwise; the same checks decide both.
       */
      const handle = async <T extends { name: string }>(
        kind: 'target' | 'notifier',
        row: { id: number; name: string },
        name: string,
        mapped: Mapped<T>,
        send: {
          validate: (body: T) => Promise<unknown>;
          create: (body: T) => Promise<{ data: { id: number } }>;
        },
      ): Promise<ImportLine> => {
        const line: ImportLine = {
          kind,
          skypunchId: Number(row.id),
          name,
          action: 'failed',
          vigilId: null,
          reason: null,
        };
        lines.push(line);
        const notes = name !== String(row.name ?? '').trim() ? [`renamed from "${row.name}"`] : [];
        if (!mapped.ok) {
          line.reason = mapped.reason;
          return line;
        }
        notes.push(...mapped.notes);
        const already = existing[kind].get(name.toLowerCase());
        if (already !== undefined) {
          line.action = 'exists';
          line.vigilId = dryRun ? null : already;
          line.reason = `a ${kind} of this name exists in vigil`;
          return line;
        }
        try {
          if (dryRun) await send.validate(mapped.body);
          else line.vigilId = (await send.create(mapped.body)).data.id;
          line.action = 'import';
        } catch (err) {
          if (!(err instanceof CliError) || err.exitCode !== EXIT.refused) throw err;
          notes.push(err.message);
        }
        line.reason = notes.join('; ') || null;
        return line;
      };
      /**
       * What follows the creation of a row (skypunch's state or counts), on a real run only; a
       * refusal leaves the created item and fails its line with the item's id.
       */
      const complete = async (line: ImportLine, steps: (id: number) => Promise<void>) => {
        if (dryRun || line.action !== 'import' || line.vigilId === null) return;
        try {
          await steps(line.vigilId);
        } catch (err) {
          if (!(err instanceof CliError) || err.exitCode !== EXIT.refused) throw err;
          line.action = 'failed';
          line.reason = `${line.kind === 'target' ? 'created disabled' : 'created'} (id ${line.vigilId}), but: ${err.message}`;
        }
      };
      // notifiers first: a target created without notifierIds notifies every enabled notifier
      const notifierNames = vigilNames(source.notifiers);
      for (const [i, row] of source.notifiers.entries()) {
        const name = notifierNames[i];
        const mapped = mapNotifier(row, name, o.smtpFrom);
        const { statistics, notes } = mapNotifierStatistics(row);
        if (mapped.ok) mapped.notes.push(...notes);
        const line = await handle('notifier', row, name, mapped, {
          validate: (body) => ctx.call(api.POST('/api/v1/notifiers/validate', { body })),
          create: (body) => ctx.call(api.POST('/api/v1/notifiers', { body })),
        });
        await complete(line, async (id) => {
          const params = { path: { id } };
          await ctx.call(
            api.PUT('/api/v1/notifiers/{id}/statistics', { params, body: statistics }),
          );
        });
      }
      const targetNames = vigilNames(source.targets);
      for (const [i, row] of source.targets.entries()) {
        const name = targetNames[i];
        const mapped = mapTarget(row, name);
        const { state, notes } = mapTargetState(row);
        if (mapped.ok) mapped.notes.push(...notes);
        const enabled = mapped.ok && mapped.body.enabled !== false;
        const line = await handle('target', row, name, mapped, {
          validate: (body) => ctx.call(api.POST('/api/v1/targets/validate', { body })),
          // created disabled, so that no probe runs before skypunch's state is in place
          create: (body) =>
            ctx.call(api.POST('/api/v1/targets', { body: { ...body, enabled: false } })),
        });
        await complete(line, async (id) => {
          const params = { path: { id } };
          await ctx.call(api.PUT('/api/v1/targets/{id}/state', { params, body: state }));
          if (enabled) {
            await ctx.call(api.PATCH('/api/v1/targets/{id}', { params, body: { enabled: true } }));
          }
        });
      }
      const report = { dryRun, items: lines };
      ctx.output(report, () => {
        const count = (a: Action) => lines.filter((l) => l.action === a).length;
        const summary = dryRun
          ? `dry run, nothing changed: would import ${count('import')}, ${count('exists')} exist, ${count('failed')} failed`
          : `imported ${count('import')}, ${count('exists')} exist, ${count('failed')} failed`;
        return `${table(
          ['Kind', 'Skypunch ID', 'Name', 'Action', 'Reason'],
          lines.map((l) => [l.kind, l.skypunchId, l.name, l.action, l.reason]),
        )}\n\n${summary}`;
      });
      const failed = lines.filter((l) => l.action === 'failed').length;
      if (failed) throw new CliError(EXIT.refused, `${failed} row(s) could not be imported`);
    });
}
