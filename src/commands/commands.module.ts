import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LivestatusModule } from '../livestatus/livestatus.module';
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
 * endpoints read back through livestatus, and the audit log. Uses the Livestatus module's sites;
 * exports CommandService (the pipe's state for health).
 */
@Module({
  imports: [TypeOrmModule.forFeature([CommandAuditEntity]), LivestatusModule],
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
