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
  @ApiOperation({ operationId: 'listTargets', summary: 'Targets, filtered, sorted and paginated' })
  listTargets(@Query() query: ListTargetsQueryDto): Promise<TargetListDto> {
    return this.targets.list(query);
  }

  @Post()
  @Auth('admin')
  @ApiProblems(400, 409)
  @ApiOperation({ operationId: 'createTarget', summary: 'Define a target to probe' })
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
  })
  @ApiNoContentResponse({ description: 'Create would accept this target' })
  validateTarget(@Body() body: CreateTargetDto): Promise<void> {
    return this.targets.validateCreate(body);
  }

  @Get(':id')
  @Auth('viewer')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'getTarget', summary: 'One target with its status and counters' })
  getTarget(@Param() params: IdParamDto): Promise<TargetDto> {
    return this.targets.get(params.id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({ operationId: 'updateTarget', summary: 'Change some fields of a target' })
  updateTarget(@Param() params: IdParamDto, @Body() body: UpdateTargetDto): Promise<TargetDto> {
    return this.targets.update(params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'deleteTarget', summary: 'Delete a target and its state' })
  @ApiNoContentResponse({ description: 'Deleted' })
  deleteTarget(@Param() params: IdParamDto): Promise<void> {
    return this.targets.remove(params.id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'enableTarget', summary: 'Start probing a target' })
  enableTarget(@Param() params: IdParamDto): Promise<TargetDto> {
    return this.targets.setEnabled(params.id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'disableTarget', summary: 'Stop probing a target' })
  disableTarget(@Param() params: IdParamDto): Promise<TargetDto> {
    return this.targets.setEnabled(params.id, false);
  }
}
