import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { AuditService } from './audit.service';
import { CommandAuditListDto, ListAuditQueryDto } from './dto/audit.dto';

@ApiTags('commands')
@Controller('api/v1/audit/commands')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Auth('admin')
  @ApiOperation({
    operationId: 'listCommandAudit',
    summary: 'Every command sent: who, when, where, the line and the outcome; newest first',
    description:
      'The audit log of external commands: who sent which command line, to which ' +
      'site and transport, when, and whether Icinga took it. Filter by user; ' +
      'paginated. Needs `admin`.',
  })
  @ApiOkResponse({ type: CommandAuditListDto })
  @ApiProblems(400)
  listCommandAudit(@Query() query: ListAuditQueryDto): Promise<CommandAuditListDto> {
    return this.audit.list(query);
  }
}
