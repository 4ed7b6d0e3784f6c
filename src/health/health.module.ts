import { Module } from '@nestjs/common';
import { CommandPipeModule } from '../command-pipe/command-pipe.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProbingModule } from '../probing/probing.module';
import { SitesModule } from '../sites/sites.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** `GET /health`, `/health/live` and `/health/ready`: asks each module about its own part. */
@Module({
  imports: [ProbingModule, SitesModule, CommandPipeModule, NotificationsModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
