import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ICINGA_ERROR_READER } from '../targets/icinga-error-reader';
import { IcingaBridgeStateEntity } from './icinga-bridge-state.entity';
import { IcingaBridgeStatesService } from './icinga-bridge-states.service';

/**
 * The Icinga bridge's record of its submissions (icinga_bridge_states). Global, so that the
 * Targets module answers `icingaError` through ICINGA_ERROR_READER without importing the bridge.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IcingaBridgeStateEntity])],
  providers: [
    IcingaBridgeStatesService,
    { provide: ICINGA_ERROR_READER, useExisting: IcingaBridgeStatesService },
  ],
  exports: [IcingaBridgeStatesService, ICINGA_ERROR_READER],
})
export class IcingaBridgeStatesModule {}
