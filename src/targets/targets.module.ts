import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../common/crypto/secrets.module';
import { NotifiersModule } from '../notifiers/notifiers.module';
import { TargetEntity } from './target.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/**
 * Target definitions, status and counters. Publishes `target.*` events (target-events.ts) for the
 * probing engine; exports TargetsService and the targets repository. Knows nothing of probing.
 */
@Module({
  imports: [TypeOrmModule.forFeature([TargetEntity]), SecretsModule, NotifiersModule],
  controllers: [TargetsController],
  providers: [TargetsService],
  exports: [TargetsService, TypeOrmModule],
})
export class TargetsModule {}
