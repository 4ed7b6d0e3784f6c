import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParamDto } from '../common/id-param.dto';
import { ImportTargetStateDto } from './dto/import-state.dto';
import { ListResultsQueryDto } from './dto/list-results-query.dto';
import { ProbeNowDto, ProbeNowQueryDto } from './dto/probe-now.dto';
import { ProbeResultListDto } from './dto/probe-result.dto';
import { UptimeDto } from './dto/uptime.dto';
import { ProbeResultsService } from './probe-results.service';
import { ProbingService } from './probing.service';

@ApiTags('targets')
@Controller('api/v1/targets')
export class ProbingController {
  constructor(
    private readonly probing: ProbingService,
    private readonly results: ProbeResultsService,
  ) {}

  @Post(':id/probe')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404, 503)
  @ApiOperation({
    operationId: 'probeTarget',
    summary: 'Probe a target now, record the result and return it with its step trace',
    description:
      'Probes the target once now, outside its schedule, records the result like a ' +
      'scheduled probe and returns it with the steps taken, to show why it passed ' +
      'or failed. With `notify`, a change of status also sends notifications. Needs' +
      ' `operator`.',
  })
  @ApiOkResponse({ type: ProbeNowDto })
  probeTarget(@Param() params: IdParamDto, @Query() query: ProbeNowQueryDto): Promise<ProbeNowDto> {
    return this.probing.probeNowDto(params.id, query.notify);
  }

  @Put(':id/state')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'importTargetState',
    summary:
      'Take over the status and counters another monitor kept for a target vigil has not probed yet',
    description:
      'For moving from another monitor (`vigil import skypunch` uses it): sets status, ' +
      'previous status, last change and the pass/fail/status-class counters of a target, as ' +
      'if vigil had probed it so far. 409 once vigil has probed the target, so history it ' +
      'recorded itself is never overwritten; 404 for an unknown target. Needs `admin`.',
  })
  @ApiNoContentResponse({ description: "The state is the target's now" })
  importTargetState(
    @Param() params: IdParamDto,
    @Body() body: ImportTargetStateDto,
  ): Promise<void> {
    return this.probing.importState(params.id, body);
  }

  @Get(':id/results')
  @Auth('viewer')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'listTargetResults',
    summary: 'Probe results of a target, newest first',
    description:
      'The recorded probes of a target, newest first, optionally since a time: ' +
      'status, description, HTTP status and response time. Any role.',
  })
  listTargetResults(
    @Param() params: IdParamDto,
    @Query() query: ListResultsQueryDto,
  ): Promise<ProbeResultListDto> {
    return this.results.list(params.id, query);
  }

  @Get(':id/uptime')
  @Auth('viewer')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'getTargetUptime',
    summary: 'Uptime and mean response time of a target over 24 h, 7 d and 30 d',
    description:
      'The share of passing probes and the mean response time of a target over the ' +
      'last 24 hours, 7 days and 30 days, from its recorded results. Any role.',
  })
  getTargetUptime(@Param() params: IdParamDto): Promise<UptimeDto> {
    return this.results.uptime(params.id);
  }
}
