import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParamDto } from '../common/id-param.dto';
import { CreateTargetDto } from './dto/create-target.dto';
import { ListTargetsQueryDto } from './dto/list-targets-query.dto';
import { TargetDto, TargetListDto } from './dto/target.dto';
import { UpdateTargetDto } from './dto/update-target.dto';
import { TargetsService } from './targets.service';

@ApiTags('targets')
@Controller('api/v1/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @Auth('viewer')
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'listTargets',
    summary: 'Targets, filtered, sorted and paginated',
    description:
      'The targets vigil probes, with status, counters and last response time; ' +
      'filter by status, enabled flag or name, sort and paginate. Passwords are ' +
      'never returned. Any role.',
  })
  listTargets(@Query() query: ListTargetsQueryDto): Promise<TargetListDto> {
    return this.targets.list(query);
  }

  @Post()
  @Auth('admin')
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'createTarget',
    summary: 'Define a target to probe',
    description:
      'Defines an HTTP target: URL, method, headers and body, auth (none, Basic or ' +
      'OpenStack Keystone), frequency, timeout and the expected answer. Its status ' +
      'is `NEW` until the first probe. 409 when the name is taken. Needs `admin`.',
  })
  @ApiCreatedResponse({ type: TargetDto, description: 'The new target, status NEW' })
  createTarget(@Body() body: CreateTargetDto): Promise<TargetDto> {
    return this.targets.create(body);
  }

  @Post('validate')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'validateTarget',
    summary: 'Check a target definition as create would, without creating it',
    description:
      'Runs every check of `POST /api/v1/targets`, a taken name included, and answers 204 ' +
      'without storing anything: 400 names each invalid field, 409 a name in use. For imports ' +
      'and scripts that want to know before they create (`vigil import skypunch --dry-run`). ' +
      'Needs `admin`.',
  })
  @ApiNoContentResponse({ description: 'Create would accept this target' })
  validateTarget(@Body() body: CreateTargetDto): Promise<void> {
    return this.targets.validateCreate(body);
  }

  @Get(':id')
  @Auth('viewer')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'getTarget',
    summary: 'One target with its status and counters',
    description:
      'One target with its definition, status, previous status, counters and last ' +
      'response time. 404 when it does not exist. Any role.',
  })
  getTarget(@Param() params: IdParamDto): Promise<TargetDto> {
    return this.targets.get(params.id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'updateTarget',
    summary: 'Change some fields of a target',
    description:
      'Changes only the fields given (`null` removes an optional setting); probing ' +
      'picks up the change at once, and a password left out is kept. 409 when the ' +
      'new name is taken. Needs `admin`.',
  })
  updateTarget(@Param() params: IdParamDto, @Body() body: UpdateTargetDto): Promise<TargetDto> {
    return this.targets.update(params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'deleteTarget',
    summary: 'Delete a target and its state',
    description: 'Deletes a target and its state; it is not probed any more. Needs `admin`.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  deleteTarget(@Param() params: IdParamDto): Promise<void> {
    return this.targets.remove(params.id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'enableTarget',
    summary: 'Start probing a target',
    description: 'Probing of the target resumes on its frequency. Needs `operator`.',
  })
  enableTarget(@Param() params: IdParamDto): Promise<TargetDto> {
    return this.targets.setEnabled(params.id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'disableTarget',
    summary: 'Stop probing a target',
    description:
      'The target keeps its definition and counters but is not probed until enabled' +
      ' again. Needs `operator`.',
  })
  disableTarget(@Param() params: IdParamDto): Promise<TargetDto> {
    return this.targets.setEnabled(params.id, false);
  }
}
