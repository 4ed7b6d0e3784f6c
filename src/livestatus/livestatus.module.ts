import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { LegacyQueryController } from './legacy-query.controller';
import { LivestatusController } from './livestatus.controller';
import { LivestatusService } from './livestatus.service';

/** Livestatus queries over HTTP, on sites of every kind; exports LivestatusService and the sites. */
@Module({
  imports: [SitesModule],
  controllers: [LivestatusController, LegacyQueryController],
  providers: [LivestatusService],
  exports: [LivestatusService, SitesModule],
})
export class LivestatusModule {}
