import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { type AuthUser, CurrentUser } from '../auth/roles';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiLegacyParams, LEGACY_PARAMS_NOTE, LegacyParams } from '../common/legacy-params';
import { CommandService } from './command.service';
import { LegacyCmdQueryDto } from './dto/legacy-cmd.dto';

const OK_RESPONSE = {
  description: 'Sent: the text `OK` and a new line',
  content: { 'text/plain': { schema: { type: 'string', example: 'OK\n' } } },
};

const DESCRIPTION =
  `${LEGACY_PARAMS_NOTE} Any external command \`NAME;arg;...\` is sent: one of the catalogue ` +
  'with its arguments checked, any other (an uncatalogued name of capitals, digits and `_`) ' +
  'with its arguments as given; never a line break, NUL or a second command, and never a ' +
  'command refused on purpose (README lists them). On an Icinga 2 API site `handler` does not ' +
  'apply: a command of the catalogue is translated to API requests, any other is 400 (not ' +
  'available on an Icinga 2 API site), and one naming no object Icinga has is 404.';

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
    description: DESCRIPTION,
  })
  @ApiLegacyParams(LegacyCmdQueryDto, 'GET')
  @ApiOkResponse(OK_RESPONSE)
  @ApiProblems(400, 404, 502, 503, 504)
  legacyCommand(
    @CurrentUser() user: AuthUser,
    @LegacyParams() query: LegacyCmdQueryDto,
  ): Promise<string> {
    return this.commands.sendLegacy(user, query);
  }

  @Post()
  @HttpCode(200)
  @Auth('operator')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    operationId: 'legacyCommandPost',
    summary: 'The same as GET /cmd, for scripts that POST (parameters also as a form body)',
    description: DESCRIPTION,
  })
  @ApiLegacyParams(LegacyCmdQueryDto, 'POST')
  @ApiOkResponse(OK_RESPONSE)
  @ApiProblems(400, 404, 415, 502, 503, 504)
  legacyCommandPost(
    @CurrentUser() user: AuthUser,
    @LegacyParams() query: LegacyCmdQueryDto,
  ): Promise<string> {
    return this.commands.sendLegacy(user, query);
  }
}
