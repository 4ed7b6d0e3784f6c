import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../common/crypto/secrets.module';
import { NotifiersModule } from '../notifiers/notifiers.module';
import { SitesModule } from '../sites/sites.module';
import { TargetEntity } from './target.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/**
 * Target definitions. Publishes `target.*` events (target-events.ts) for the probing engine, and
 * answers targets with their state read through TARGET_STATE_READER (provided by the probing
 * engine's global TargetStatesModule) and the errors of their submissions to Icinga through
 * ICINGA_ERROR_READER (the Icinga bridge's, when it runs); exports TargetsService. Imports
 * nothing of probing.
 */
@Module({
  imports: [TypeOrmModule.forFeature([TargetEntity]), SecretsModule, NotifiersModule, SitesModule],
  controllers: [TargetsController],
  providers: [TargetsService],
  exports: [TargetsService],
})
export class TargetsModule {}
