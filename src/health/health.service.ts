import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqliteGateState } from '../database/sqlite-gate';
import { ProbingService } from '../probing/probing.service';
import type { HealthDto } from './dto/health.dto';

const DATABASE_TIMEOUT_MS = 2000;

/** Writes failing, or a transaction holding the write lock, this long make the database `stuck`. */
export const STUCK_AFTER_MS = 30_000;

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly probing: ProbingService,
  ) {}

  async check(): Promise<HealthDto> {
    const { targets, recorder } = this.probing.stats();
    const probing = {
      targets,
      queued: recorder.queued,
      lostResults: recorder.dropped,
      writesFailingSince: recorder.unavailableSince,
    };
    const now = Date.now();
    const heldSince = sqliteGateState(this.dataSource)?.heldSince ?? null;
    const stuck = [recorder.unavailableSince, heldSince].some(
      (since) => since !== null && now - since.getTime() > STUCK_AFTER_MS,
    );
    // a stuck SQLite transaction would hold up the query too: it is not asked then
    const database = stuck ? 'stuck' : (await this.answers()) ? 'up' : 'down';
    return { status: database === 'up' ? 'ok' : 'error', database, probing };
  }

  /** Whether the database answers a query within DATABASE_TIMEOUT_MS. */
  private async answers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
