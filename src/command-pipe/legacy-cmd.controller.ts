import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { type AuthUser, CurrentUser } from '../auth/roles';
import { ApiProblems } from '../common/api-problems.decorator';
import { CommandService } from './command.service';
import { LegacyCmdQueryDto } from './dto/legacy-cmd.dto';

const OK_RESPONSE = {
  description: 'Sent: the text `OK` and a new line',
  content: { 'text/plain': { schema: { type: 'string', example: 'OK\n' } } },
};

/** The `/cmd` endpoint of livestatus-service, for scripts written against it. */
@ApiTags('commands')
@Controller('cmd')
export class LegacyCmdController {
  constructor(private readonly commands: CommandService) {}

  @Get()
  @Auth('operator')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    operationId: 'legacyCommand',
    summary: 'livestatus-service compatible command: q=NAME;args, handler=livestatus|icinga',
    description:
      'For scripts written for livestatus-service: `q=COMMAND_NAME;arg1;arg2`, sent' +
      ' through the command pipe (`handler=icinga`) or livestatus ' +
      '(`handler=livestatus`). Answers the text `OK`; errors are problem+json like ' +
      'everywhere else. New scripts should use the typed endpoints. Needs ' +
      '`operator`.',
  })
  @ApiOkResponse(OK_RESPONSE)
  @ApiProblems(400, 502, 503, 504)
  legacyCommand(@CurrentUser() user: AuthUser, @Query() query: LegacyCmdQueryDto): Promise<string> {
    return this.commands.sendLegacy(user, query);
  }

  @Post()
  @HttpCode(200)
  @Auth('operator')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    operationId: 'legacyCommandPost',
    summary: 'The same as GET /cmd, for scripts that POST',
    description:
      'Exactly `GET /cmd` (parameters in the query string), for scripts that POST. ' +
      'Needs `operator`.',
  })
  @ApiOkResponse(OK_RESPONSE)
  @ApiProblems(400, 502, 503, 504)
  legacyCommandPost(
    @CurrentUser() user: AuthUser,
    @Query() query: LegacyCmdQueryDto,
  ): Promise<string> {
    return this.commands.sendLegacy(user, query);
  }
}
