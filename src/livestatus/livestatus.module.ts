import { Module } from '@nestjs/common';
import { LegacyQueryController } from './legacy-query.controller';
import { LivestatusController } from './livestatus.controller';
import { LivestatusService } from './livestatus.service';

/** Livestatus queries over HTTP; exports the site registry and clients (LivestatusService). */
@Module({
  controllers: [LivestatusController, LegacyQueryController],
  providers: [LivestatusService],
  exports: [LivestatusService],
})
export class LivestatusModule {}
