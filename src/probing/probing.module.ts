import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClusterModule } from '../cluster/cluster.module';
import { TargetsModule } from '../targets/targets.module';
import { ProbeResultEntity } from './probe-result.entity';
import { ProbeResultsService } from './probe-results.service';
import { ProbingController } from './probing.controller';
import { ProbingService } from './probing.service';
import { StateChangeEntity } from './state-change.entity';
import { StateChangesService } from './state-changes.service';
import { TargetStatesModule } from './target-states.module';

/**
 * Scheduled HTTP probes of the enabled targets, their result history and the probe log.
 * A change of a target's status is stored with its probe (state_changes, read through
 * StateChangesService) and then published as `target.state-changed` (TargetStateChangedEvent).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProbeResultEntity, StateChangeEntity]),
    ClusterModule,
    TargetsModule,
    TargetStatesModule,
  ],
  controllers: [ProbingController],
  providers: [ProbingService, ProbeResultsService, StateChangesService],
  exports: [ProbingService, ProbeResultsService, StateChangesService],
})
export class ProbingModule {}
