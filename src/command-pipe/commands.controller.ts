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
    summary: 'Send any command of the catalogue through the pipe or livestatus',
    description:
      'For commands without an endpoint of their own: sends one command of the ' +
      'catalogue, its arguments by name or in order, checked against their types ' +
      'and serialised safely (no `;` or new line can start another command). 202 ' +
      'once handed to Icinga; its effect is not read back. 400 for an unknown ' +
      'command or a bad argument, 503 when the pipe or site is unreachable. Needs ' +
      '`operator`.',
  })
  @ApiAcceptedResponse({ type: SentCommandDto, description: 'Handed to Icinga' })
  @ApiProblems(400, 502, 503, 504)
  sendCommand(
    @CurrentUser() user: AuthUser,
    @Body() body: SendCommandDto,
  ): Promise<SentCommandDto> {
    return this.commands.sendGeneric(user, body);
  }
}
