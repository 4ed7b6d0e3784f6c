import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { AppConfig } from '../app.config';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { TargetsService } from '../targets/targets.service';
import type { ListResultsQueryDto } from './dto/list-results-query.dto';
import type { ProbeResultDto, ProbeResultListDto } from './dto/probe-result.dto';
import type { UptimeDto, UptimeWindowDto } from './dto/uptime.dto';
import { ProbeResultEntity } from './probe-result.entity';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PRUNE_CHUNK = 5000;

/** The retention job's name in SchedulerRegistry and /health. */
export const PRUNE_JOB = 'probe-results.prune';

/** The probe history of targets: listing, uptime, and the retention job that prunes it. */
@Injectable()
export class ProbeResultsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ProbeResults');
  private pruning: Promise<number> | null = null;

  constructor(
    @InjectRepository(ProbeResultEntity) private readonly results: Repository<ProbeResultEntity>,
    private readonly targets: TargetsService,
    private readonly config: AppConfig,
    private readonly jobs: ScheduledJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: PRUNE_JOB,
      everyMs: HOUR_MS,
      firstAfterMs: 10_000,
      run: () => this.prune(),
    });
  }

  async list(targetId: number, query: ListResultsQueryDto): Promise<ProbeResultListDto> {
    await this.targets.get(targetId);
    const qb = this.results
      .createQueryBuilder('r')
      .where('r.targetId = :targetId', { targetId })
      .orderBy('r.probedAt', 'DESC')
      .addOrderBy('r.id', 'DESC');
    if (query.since) qb.andWhere('r.probedAt >= :since', { since: query.since });
    const [rows, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: rows.map((r) => this.toDto(r)), total };
  }

  async uptime(targetId: number, now = new Date()): Promise<UptimeDto> {
    await this.targets.get(targetId);
    const window = async (ms: number): Promise<UptimeWindowDto> => {
      const since = new Date(now.getTime() - ms);
      const row = await this.results
        .createQueryBuilder('r')
        .select('COUNT(*)', 'probes')
        .addSelect("SUM(CASE WHEN r.status = 'PASS' THEN 1 ELSE 0 END)", 'passed')
        .addSelect('AVG(r.responseTimeMs)', 'mean')
        .where('r.targetId = :targetId', { targetId })
        .andWhere('r.probedAt >= :since', { since })
        .getRawOne<{ probes: unknown; passed: unknown; mean: unknown }>();
      const probes = Number(row?.probes ?? 0);
      const passed = Number(row?.passed ?? 0);
      return {
        since,
        probes,
        passed,
        uptimePercent: probes ? Math.round((passed / probes) * 100_000) / 1000 : null,
        meanResponseTimeMs:
          probes && row?.mean !== null ? Math.round(Number(row?.mean) * 10) / 10 : null,
      };
    };
    return {
      targetId,
      last24h: await window(DAY_MS),
      last7d: await window(7 * DAY_MS),
      last30d: await window(30 * DAY_MS),
    };
  }

  /**
   * Deletes the results older than the retention period, in chunks; returns how many. The
   * retention job (PRUNE_JOB) logs and counts its failures.
   */
  prune(now = new Date()): Promise<number> {
    if (this.pruning) return this.pruning;
    const cutoff = new Date(now.getTime() - this.config.probing.retentionDays * DAY_MS);
    this.pruning = (async () => {
      let deleted = 0;
      try {
        for (;;) {
          const old = await this.results.find({
            select: ['id'],
            where: { probedAt: LessThan(cutoff) },
            take: PRUNE_CHUNK,
          });
          if (old.length === 0) break;
          await this.results.delete(old.map((r) => r.id));
          deleted += old.length;
          if (old.length < PRUNE_CHUNK) break;
        }
        if (deleted)
          this.logger.log(`Pruned ${deleted} probe result(s) older than ${cutoff.toISOString()}`);
        return deleted;
      } finally {
        this.pruning = null;
      }
    })();
    return this.pruning;
  }

  /**
   * When the failure that a recovery at `recoveredAt` ends began: the first failed probe after
   * the last passing probe before the latest failure. Null when the history no longer tells.
   */
  async failingSince(targetId: number, recoveredAt: Date): Promise<Date | null> {
    const lastFail = await this.results.findOne({
      where: { targetId, status: 'FAIL', probedAt: LessThan(recoveredAt) },
      order: { probedAt: 'DESC', id: 'DESC' },
    });
    if (!lastFail) return null;
    const passBefore = await this.results.findOne({
      where: { targetId, status: 'PASS', probedAt: LessThan(lastFail.probedAt) },
      order: { probedAt: 'DESC', id: 'DESC' },
    });
    const firstFail = await this.results.findOne({
      where: {
        targetId,
        status: 'FAIL',
        ...(passBefore ? { probedAt: MoreThan(passBefore.probedAt) } : {}),
      },
      order: { probedAt: 'ASC', id: 'ASC' },
    });
    return firstFail?.probedAt ?? lastFail.probedAt;
  }

  private toDto(r: ProbeResultEntity): ProbeResultDto {
    return {
      id: r.id,
      probedAt: r.probedAt,
      status: r.status,
      httpStatus: r.httpStatus,
      responseTimeMs: r.responseTimeMs,
      description: r.description,
      redirects: r.redirects,
      finalUrl: r.finalUrl,
      certificateExpiresAt: r.certificateExpiresAt,
    };
  }
}
