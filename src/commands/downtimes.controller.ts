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
    description:
      'What a deployment pipeline calls before a rollout: schedules a fixed or ' +
      'flexible downtime for a host (optionally with all its services), one ' +
      'service, or every member of a host or service group, from `start` (now) to ' +
      "`end` or for `durationSeconds`. 201 with the downtimes' ids when read back, " +
      '202 when sent but not yet visible; 404 when the object or group is unknown. ' +
      'Needs `operator`.',
  })
  @ApiCreatedResponse({ type: DowntimesCreatedDto, description: 'The downtimes, read back' })
  @ApiAcceptedResponse({
    type: DowntimesCreatedDto,
    description: 'Sent, but not visible on the site in time (see warning)',
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
  @ApiOperation({
    operationId: 'listDowntimes',
    summary: 'Current downtimes, paginated',
    description:
      'The downtimes Icinga currently knows on one site, filtered by host or ' +
      'service, paginated, with the ids `DELETE /api/v1/downtimes/{id}` takes. Any ' +
      'role; 503/504 when the site cannot be reached or does not answer.',
  })
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
    description:
      'Ends a host or service downtime early, e.g. after a rollout, by the id ' +
      '`createDowntime` or `listDowntimes` gave. 200 when it is gone from ' +
      'the site, 202 when sent but still listed; 404 when no downtime has this ' +
      'id. Needs `operator`.',
  })
  @ApiOkResponse({ type: DowntimeDeletedDto, description: 'Deleted, and confirmed gone' })
  @ApiAcceptedResponse({
    type: DowntimeDeletedDto,
    description: 'Sent, but still listed on the site after the wait',
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
