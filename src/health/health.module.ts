import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { LivestatusModule } from '../livestatus/livestatus.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProbingModule } from '../probing/probing.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** `GET /health`, `/health/live` and `/health/ready`: asks each module about its own part. */
@Module({
  imports: [ProbingModule, LivestatusModule, CommandsModule, NotificationsModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
