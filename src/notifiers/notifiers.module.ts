import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretsModule } from '../common/crypto/secrets.module';
import { NotifierEntity } from './notifier.entity';
import { NotifiersController } from './notifiers.controller';
import { NotifiersService } from './notifiers.service';

/**
 * Notifier definitions and their delivery statistics. Publishes `notifier.*` events
 * (notifier-events.ts); exports NotifiersService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NotifierEntity]), SecretsModule],
  controllers: [NotifiersController],
  providers: [NotifiersService],
  exports: [NotifiersService],
})
export class NotifiersModule {}
