import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type ObjectLiteral, Repository, type SelectQueryBuilder } from 'typeorm';
import { TargetChangedEvent, TargetEvents } from '../targets/target-events';
import type {
  StateSortField,
  TargetKey,
  TargetStateReader,
  TargetStateView,
} from '../targets/target-state-reader';
import { newTargetState, stateOf, type TargetState } from './state';
import { TargetStateEntity } from './target-state.entity';

const STATE_COLUMNS: Record<StateSortField, string> = {
  status: 'status',
  lastProbeAt: 'last_probe_at',
};

/** State rows per INSERT: well below every dialect's limit on bound parameters. */
const INSERT_ROWS = 500;

/** The state of a stored row, without the row's key. */
function viewOf(row: TargetStateEntity): TargetState & { lastUpdated: Date } {
  return { ...stateOf(row), lastUpdated: row.lastUpdated };
}

/**
 * The target_states table: one row per target, made when the target is created (or, for one
 * made while this listener could not write, when probing first tracks it), read for the API
 * through TargetStateReader. Probes are written by the ProbeRecorder.
 */
@Injectable()
export class TargetStatesService implements TargetStateReader {
  private readonly logger = new Logger('TargetStates');

  constructor(
    @InjectRepository(TargetStateEntity) private readonly states: Repository<TargetStateEntity>,
  ) {}

  @OnEvent(TargetEvents.created)
  async onTargetCreated(event: TargetChangedEvent): Promise<void> {
    try {
      await this.create(event.targetId, event.target?.createdAt ?? new Date());
    } catch (error) {
      this.logger.warn(
        `The state of target ${event.targetId} is made when it is first probed: ${(error as Error).message}`,
      );
    }
  }

  async statesOf(targets: readonly TargetKey[]): Promise<TargetStateView[]> {
    const rows = targets.length
      ? await this.states.find({ where: { targetId: In(targets.map((t) => t.id)) } })
      : [];
    const byId = new Map(rows.map((row) => [row.targetId, row]));
    return targets.map((t) => {
      const row = byId.get(t.id);
      return row ? viewOf(row) : newTargetState(t.createdAt);
    });
  }

  joinStates(
    qb: SelectQueryBuilder<ObjectLiteral>,
    alias: string,
  ): (field: StateSortField) => string {
    const joined = `${alias}_state`;
    qb.leftJoin(TargetStateEntity, joined, `${joined}.target_id = ${alias}.id`);
    return (field) =>
      field === 'status'
        ? `COALESCE(${joined}.${STATE_COLUMNS.status}, 'NEW')`
        : `${joined}.${STATE_COLUMNS[field]}`;
  }

  /**
   * The stored states of these targets, by id; a target without one gets the state NEW, stored
   * now. A target deleted meanwhile is left out.
   */
  async forProbing(ids: readonly number[]): Promise<Map<number, TargetState>> {
    const found = new Map<number, TargetState>();
    if (!ids.length) return found;
    const rows = await this.states.find({ where: { targetId: In([...ids]) } });
    for (const row of rows) found.set(row.targetId, viewOf(row));
    const missing = ids.filter((id) => !found.has(id));
    if (!missing.length) return found;
    const at = new Date();
    try {
      await this.insert(missing.map((id) => ({ targetId: id, ...newTargetState(at) })));
    } catch {
      // one was deleted meanwhile (its row would reference no target): each on its own
      for (const id of missing)
        await this.insert([{ targetId: id, ...newTargetState(at) }]).catch(() => undefined);
    }
    const made = await this.states.find({ where: { targetId: In(missing) } });
    for (const row of made) found.set(row.targetId, viewOf(row));
    return found;
  }

  /**
   * Replaces the state of a target vigil has never probed; false when it has been probed (or
   * has no state row). One UPDATE, so that a probe recorded meanwhile wins.
   */
  async replaceUnprobed(id: number, state: TargetState & { lastUpdated: Date }): Promise<boolean> {
    await this.forProbing([id]);
    const { affected } = await this.states
      .createQueryBuilder()
      .update(TargetStateEntity)
      .set(state)
      .where('target_id = :id AND last_probe_at IS NULL', { id })
      .execute();
    return Boolean(affected);
  }

  private async create(id: number, at: Date): Promise<void> {
    await this.insert([{ targetId: id, ...newTargetState(at) }]);
  }

  /** Inserts state rows, leaving alone those that exist. */
  private async insert(rows: TargetStateEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await this.states
        .createQueryBuilder()
        .insert()
        .into(TargetStateEntity)
        .values(rows.slice(i, i + INSERT_ROWS))
        .orIgnore()
        .execute();
    }
  }
}
