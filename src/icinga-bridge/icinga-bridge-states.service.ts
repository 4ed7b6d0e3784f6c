import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import type { IcingaErrorReader } from '../targets/icinga-error-reader';
import { IcingaBridgeStateEntity } from './icinga-bridge-state.entity';

const MAX_ERROR = 1024;

/** The bridge's record of its last submission per target (icinga_bridge_states). */
@Injectable()
export class IcingaBridgeStatesService implements IcingaErrorReader {
  private readonly logger = new Logger('IcingaBridge');

  constructor(
    @InjectRepository(IcingaBridgeStateEntity)
    private readonly states: Repository<IcingaBridgeStateEntity>,
  ) {}

  async errorsOf(targetIds: readonly number[]): Promise<Map<number, string>> {
    if (!targetIds.length) return new Map();
    const rows = await this.states.find({
      select: ['targetId', 'lastError'],
      where: { targetId: In([...targetIds]), lastError: Not(IsNull()) },
    });
    return new Map(rows.map((r) => [r.targetId, r.lastError!]));
  }

  /** When a result was last tried for each of these targets that has had one. */
  async lastAttempts(targetIds: readonly number[]): Promise<Map<number, Date>> {
    if (!targetIds.length) return new Map();
    const rows = await this.states.find({
      select: ['targetId', 'lastAttemptAt'],
      where: { targetId: In([...targetIds]) },
    });
    return new Map(rows.map((r) => [r.targetId, r.lastAttemptAt]));
  }

  /**
   * Records a try: gone through (`error` null) or not. A target deleted meanwhile takes its row
   * with it, so its record is dropped.
   */
  async record(targetId: number, at: Date, error: string | null): Promise<void> {
    const row: Partial<IcingaBridgeStateEntity> = {
      targetId,
      lastAttemptAt: at,
      lastError: error === null ? null : error.slice(0, MAX_ERROR),
      ...(error === null ? { lastSubmittedAt: at } : {}),
    };
    try {
      await this.states.upsert(row, ['targetId']);
    } catch (err) {
      this.logger.warn(
        `Cannot record the submission to Icinga of target ${targetId}: ${(err as Error).message}`,
      );
    }
  }
}
