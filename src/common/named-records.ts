import { HttpStatus, type Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { ProblemException } from './problem';
import { isUniqueViolation } from './query';

/** Lookups and writes of a table whose rows have an id and a unique name (targets, notifiers). */
export class NamedRecords<E extends { id: number; name: string }> {
  constructor(
    private readonly repo: Repository<E>,
    /** What a row is called in messages: `target`, `notifier`. */
    private readonly noun: string,
  ) {}

  /** The row, or a 404 problem. */
  async find(id: number): Promise<E> {
    const entity = await this.repo.findOne({ where: { id } as FindOptionsWhere<E> });
    if (!entity) throw new ProblemException(HttpStatus.NOT_FOUND, `${this.noun} ${id} not found`);
    return entity;
  }

  /** A 409 problem when another row has this name (case aside). */
  async assertNameFree(name: string, exceptId?: number): Promise<void> {
    const clash = await this.repo
      .createQueryBuilder('r')
      .where('LOWER(r.name) = LOWER(:name)', { name })
      .getOne();
    if (clash && clash.id !== exceptId) throw this.duplicate(name);
  }

  duplicate(name: string): ProblemException {
    return new ProblemException(
      HttpStatus.CONFLICT,
      `a ${this.noun} named "${name}" already exists`,
    );
  }

  /** Saves the row; a name taken meanwhile is a 409 problem. */
  async save(entity: E): Promise<E> {
    try {
      return await this.repo.save(entity);
    } catch (err) {
      if (isUniqueViolation(err)) throw this.duplicate(entity.name);
      throw err;
    }
  }
}

/** Publishes an event; a failing listener is logged and never fails the request. */
export function emitSafely(
  events: EventEmitter2,
  logger: Logger,
  name: string,
  event: unknown,
): void {
  try {
    events.emit(name, event);
  } catch (err) {
    logger.error(`A listener of ${name} failed: ${(err as Error).stack ?? String(err)}`);
  }
}
