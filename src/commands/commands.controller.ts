import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { type AuthUser, CurrentUser } from '../auth/roles';
import { ApiProblems } from '../common/api-problems.decorator';
import { CommandService } from './command.service';
import { CatalogEntryDto, SendCommandDto } from './dto/command.dto';
import { SentCommandDto } from './dto/target.dto';

@ApiTags('commands')
@Controller('api/v1/commands')
export class CommandsController {
  constructor(private readonly commands: CommandService) {}

  @Get('catalog')
  @Auth('viewer')
  @ApiOperation({
    operationId: 'listCommandCatalog',
    summary: 'The external commands vigil can send, with their argument schemas',
    description:
      'Every external command `POST /api/v1/commands` accepts, with its arguments ' +
      "in Icinga's order, their types and which are optional. Any role.",
  })
  @ApiOkResponse({ type: [CatalogEntryDto] })
  listCommandCatalog(): CatalogEntryDto[] {
    return this.commands.catalog();
  }

  @Post()
  @HttpCode(202)
  @Auth('operator')
  @ApiOperation({
    operationId: 'sendCommand',
    summary: 'Send an external command through the pipe, livestatus or the Icinga 2 API',
    description:
      'A command of the catalogue is checked argument by argument. Any other external command ' +
      "(named in capitals, digits and `_`) is sent with its arguments, a list in Icinga's " +
      'order, as given, and audited as uncatalogued; a line break or NUL, a `;` in any argument ' +
      'but the last, an argument starting another command (`[<epoch>]`, `COMMAND`, `GET`, a ' +
      'command name) and the commands vigil never sends (README) are refused with 400. On an ' +
      'Icinga 2 API site the commands of the catalogue are translated to API requests; the others ' +
      'are refused with 400 (not available on an Icinga 2 API site), and a command naming no ' +
      "object Icinga has is 404 with Icinga's message. Needs `operator`.",
  })
  @ApiAcceptedResponse({ type: SentCommandDto, description: 'Handed to Icinga' })
  @ApiProblems(400, 404, 502, 503, 504)
  sendCommand(
    @CurrentUser() user: AuthUser,
    @Body() body: SendCommandDto,
  ): Promise<SentCommandDto> {
    return this.commands.sendGeneric(user, body);
  }
}
