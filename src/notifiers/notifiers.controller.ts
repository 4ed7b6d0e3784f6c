import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParamDto } from '../common/id-param.dto';
import { CreateNotifierDto } from './dto/create-notifier.dto';
import { ListNotifiersQueryDto } from './dto/list-notifiers-query.dto';
import { NotifierDto, NotifierListDto } from './dto/notifier.dto';
import { UpdateNotifierDto } from './dto/update-notifier.dto';
import { NotifiersService } from './notifiers.service';

@ApiTags('notifiers')
@Controller('api/v1/notifiers')
export class NotifiersController {
  constructor(private readonly notifiers: NotifiersService) {}

  @Get()
  @Auth('viewer')
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'listNotifiers',
    summary: 'Notifiers, filtered, sorted and paginated',
  })
  listNotifiers(@Query() query: ListNotifiersQueryDto): Promise<NotifierListDto> {
    return this.notifiers.list(query);
  }

  @Post()
  @Auth('admin')
  @ApiProblems(400, 409)
  @ApiOperation({ operationId: 'createNotifier', summary: 'Define a notifier' })
  @ApiCreatedResponse({ type: NotifierDto, description: 'The new notifier' })
  createNotifier(@Body() body: CreateNotifierDto): Promise<NotifierDto> {
    return this.notifiers.create(body);
  }

  @Post('validate')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'validateNotifier',
    summary: 'Check a notifier definition as create would, without creating it',
  })
  @ApiNoContentResponse({ description: 'Create would accept this notifier' })
  validateNotifier(@Body() body: CreateNotifierDto): Promise<void> {
    return this.notifiers.validateCreate(body);
  }

  @Get(':id')
  @Auth('viewer')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'getNotifier', summary: 'One notifier with its statistics' })
  getNotifier(@Param() params: IdParamDto): Promise<NotifierDto> {
    return this.notifiers.get(params.id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({ operationId: 'updateNotifier', summary: 'Change some fields of a notifier' })
  updateNotifier(
    @Param() params: IdParamDto,
    @Body() body: UpdateNotifierDto,
  ): Promise<NotifierDto> {
    return this.notifiers.update(params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'deleteNotifier',
    summary: 'Delete a notifier (409 while a target names it in notifierIds)',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  deleteNotifier(@Param() params: IdParamDto): Promise<void> {
    return this.notifiers.remove(params.id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'enableNotifier', summary: 'Send notifications through a notifier' })
  enableNotifier(@Param() params: IdParamDto): Promise<NotifierDto> {
    return this.notifiers.setEnabled(params.id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({ operationId: 'disableNotifier', summary: 'Stop sending through a notifier' })
  disableNotifier(@Param() params: IdParamDto): Promise<NotifierDto> {
    return this.notifiers.setEnabled(params.id, false);
  }
}
