import { Module } from '@nestjs/common';
import { SitesService } from './sites.service';

/** The monitoring sites (livestatus and Icinga 2 API) behind one port; exports the registry. */
@Module({
  providers: [SitesService],
  exports: [SitesService],
})
export class SitesModule {}
