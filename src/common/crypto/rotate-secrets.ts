import type { LoggerService } from '@nestjs/common';
import type { FindOptionsWhere, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { SecretBox } from './secret-box';

/** What writing the secrets of a column again found. */
export interface RotationOutcome {
  /** Rows written again with the current key. */
  rewritten: number;
  /** Ids of the rows whose secret no configured key opens. */
  unreadable: number[];
}

/**
 * Writes every secret of an encrypted column that an older key wrote again with the current one
 * (during a key rotation), and finds those no configured key opens. A row changed meanwhile (by
 * another instance) is left to that change.
 */
export async function reencryptColumn<E extends { id: number }>(
  repo: Repository<E>,
  column: keyof E & string,
  box: SecretBox,
): Promise<RotationOutcome> {
  const rows = await repo.find({ select: ['id', column] as (keyof E)[] });
  const outcome: RotationOutcome = { rewritten: 0, unreadable: [] };
  for (const row of rows) {
    const stored = row[column] as unknown;
    if (typeof stored !== 'string' || !stored || box.isCurrent(stored)) continue;
    let fresh: string;
    try {
      fresh = box.reencrypt(stored);
    } catch {
      outcome.unreadable.push(row.id);
      continue;
    }
    const where = { id: row.id, [column]: stored } as FindOptionsWhere<E>;
    const result = await repo.update(where, {
      [column]: fresh,
    } as unknown as QueryDeepPartialEntity<E>);
    outcome.rewritten += result.affected ?? 0;
  }
  return outcome;
}

/**
 * At start: writes the secrets of a column again with the current key, logging how many, and
 * warns of those that cannot be decrypted. `secret` names one (`SMTP password`), `owner` the row
 * (`notifier`).
 */
export async function reencryptColumnAtStart<E extends { id: number }>(
  repo: Repository<E>,
  column: keyof E & string,
  box: SecretBox,
  logger: LoggerService,
  names: { secret: string; owner: string },
): Promise<void> {
  const { rewritten, unreadable } = await reencryptColumn(repo, column, box);
  if (rewritten) logger.log(`Encrypted ${rewritten} ${names.secret}(s) with the current key`);
  if (unreadable.length) {
    logger.warn(
      `The ${names.secret}s of ${names.owner}(s) ${unreadable.join(', ')} cannot be decrypted with the configured keys`,
    );
  }
}

/** A stored password written again with the current key; kept as it is when unreadable. */
export function reencryptOrKeep(box: SecretBox, stored: string | null): string | null {
  if (!stored) return stored;
  try {
    return box.reencrypt(stored);
  } catch {
    return stored;
  }
}
