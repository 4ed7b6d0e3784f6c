import { Body, Controller, Delete, Get, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { type AuthUser, CurrentUser } from '../auth/roles';
import { ApiProblems } from '../common/api-problems.decorator';
import { AcceptedWhenUnconfirmed } from './accepted.interceptor';
import { DowntimesService } from './downtimes.service';
import {
  CreateDowntimeDto,
  DowntimeDeletedDto,
  DowntimeIdParamDto,
  DowntimeListDto,
  DowntimesCreatedDto,
  ListDowntimesQueryDto,
} from './dto/downtime.dto';
import { CommandTargetDto } from './dto/target.dto';

@ApiTags('downtimes')
@Controller('api/v1/downtimes')
@UseInterceptors(AcceptedWhenUnconfirmed)
export class DowntimesController {
  constructor(private readonly downtimes: DowntimesService) {}

  @Post()
  @Auth('operator')
  @ApiOperation({
    operationId: 'createDowntime',
    summary: 'Schedule a downtime for a host (and its services), a service or a group',
  })
  @ApiCreatedResponse({ type: DowntimesCreatedDto, description: 'The downtimes, read back' })
  @ApiAcceptedResponse({
    type: DowntimesCreatedDto,
    description: 'Sent, but not visible in livestatus in time (see warning)',
  })
  @ApiProblems(400, 404, 502, 503, 504)
  createDowntime(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateDowntimeDto,
  ): Promise<DowntimesCreatedDto> {
    return this.downtimes.create(user, body);
  }

  @Get()
  @Auth('viewer')
  @ApiOperation({ operationId: 'listDowntimes', summary: 'Current downtimes, paginated' })
  @ApiOkResponse({ type: DowntimeListDto })
  @ApiProblems(400, 502, 503, 504)
  listDowntimes(@Query() query: ListDowntimesQueryDto): Promise<DowntimeListDto> {
    return this.downtimes.list(query);
  }

  @Delete(':id')
  @Auth('operator')
  @ApiOperation({
    operationId: 'deleteDowntime',
    summary: 'Delete a host or service downtime by its Icinga id',
  })
  @ApiOkResponse({ type: DowntimeDeletedDto, description: 'Deleted, and confirmed gone' })
  @ApiAcceptedResponse({
    type: DowntimeDeletedDto,
    description: 'Sent, but still listed in livestatus after the wait',
  })
  @ApiProblems(400, 404, 502, 503, 504)
  deleteDowntime(
    @CurrentUser() user: AuthUser,
    @Param() params: DowntimeIdParamDto,
    @Query() query: CommandTargetDto,
  ): Promise<DowntimeDeletedDto> {
    return this.downtimes.remove(user, params.id, query);
  }
}
