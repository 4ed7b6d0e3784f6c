import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SitesModule } from '../sites/sites.module';
import { AuditController } from './audit.controller';
import { CommandAuditEntity } from './command-audit.entity';
import { CommandService } from './command.service';
import { CommandsController } from './commands.controller';
import { DowntimesController } from './downtimes.controller';
import { DowntimesService } from './downtimes.service';
import { AuditService } from './audit.service';
import { IcingaObjectsService } from './icinga-objects.service';
import { LegacyCmdController } from './legacy-cmd.controller';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

/**
 * Icinga external commands over HTTP: the catalogue, the generic and `/cmd` endpoints, typed
 * endpoints read back through the site port, and the audit log. Livestatus sites take commands
 * through the pipe or livestatus `COMMAND`, Icinga 2 API sites as API requests. Exports
 * CommandService (the pipe's state for health, and passive check results for the Icinga bridge).
 */
@Module({
  imports: [TypeOrmModule.forFeature([CommandAuditEntity]), SitesModule],
  controllers: [
    CommandsController,
    LegacyCmdController,
    DowntimesController,
    OperationsController,
    AuditController,
  ],
  providers: [
    CommandService,
    IcingaObjectsService,
    DowntimesService,
    OperationsService,
    AuditService,
  ],
  exports: [CommandService],
})
export class CommandsModule {}
