import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { StateChangeEntity } from './state-change.entity';
import { TargetStateChangedEvent } from './state-changed.event';

/** A stored change of a target's status, as the notifications read it. */
export interface StoredStateChange {
  id: number;
  /** Whether notifiers are to be told. */
  notify: boolean;
  event: TargetStateChangedEvent;
}

/** Reads the changes of status that probes stored (state_changes), in the order they happened. */
@Injectable()
export class StateChangesService {
  constructor(
    @InjectRepository(StateChangeEntity) private readonly changes: Repository<StateChangeEntity>,
  ) {}

  /** The changes stored after change `afterId`, oldest first, at most `limit`. */
  async after(afterId: number, limit: number): Promise<StoredStateChange[]> {
    const rows = await this.changes.find({
      where: { id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id,
      notify: row.notify,
      event: TargetStateChangedEvent.fromJson(row.id, row.details),
    }));
  }

  /** The id of the latest stored change; 0 when there is none. */
  async latestId(): Promise<number> {
    const [row] = await this.changes.find({ select: ['id'], order: { id: 'DESC' }, take: 1 });
    return row?.id ?? 0;
  }
}
