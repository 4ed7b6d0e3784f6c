import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TargetsModule } from '../targets/targets.module';
import { ProbeResultEntity } from './probe-result.entity';
import { ProbeResultsService } from './probe-results.service';
import { ProbingController } from './probing.controller';
import { ProbingService } from './probing.service';

/**
 * Scheduled HTTP probes of the enabled targets, their result history and the probe log.
 * Publishes `target.state-changed` (TargetStateChangedEvent) on a change of a target's status.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ProbeResultEntity]), TargetsModule],
  controllers: [ProbingController],
  providers: [ProbingService, ProbeResultsService],
  exports: [ProbingService],
})
export class ProbingModule {}
