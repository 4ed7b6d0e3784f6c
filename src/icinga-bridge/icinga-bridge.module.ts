import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ProbingModule } from '../probing/probing.module';
import { TargetsModule } from '../targets/targets.module';
import { IcingaBridgeStatesModule } from './icinga-bridge-states.module';
import { IcingaBridgeService } from './icinga-bridge.service';

/**
 * Submits the status of targets linked to an Icinga object (`icinga` on the target) as passive
 * check results through CommandService: on each change of status, and every
 * VIGIL_ICINGA_BRIDGE_REFRESH_SECONDS for the targets this instance probes.
 */
@Module({
  imports: [CommandsModule, ProbingModule, TargetsModule, IcingaBridgeStatesModule],
  providers: [IcingaBridgeService],
})
export class IcingaBridgeModule {}
