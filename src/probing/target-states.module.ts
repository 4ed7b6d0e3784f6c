import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TARGET_STATE_READER } from '../targets/target-state-reader';
import { TargetStateEntity } from './target-state.entity';
import { TargetStatesService } from './target-states.service';

/**
 * The targets' states (target_states), owned by the probing engine. Global, so that the Targets
 * module reads them through TARGET_STATE_READER without importing the probing engine.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TargetStateEntity])],
  providers: [
    TargetStatesService,
    { provide: TARGET_STATE_READER, useExisting: TargetStatesService },
  ],
  exports: [TargetStatesService, TARGET_STATE_READER],
})
export class TargetStatesModule {}
