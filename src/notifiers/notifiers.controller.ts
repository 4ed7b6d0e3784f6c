import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCallbacks,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParamDto } from '../common/id-param.dto';
import { CreateNotifierDto } from './dto/create-notifier.dto';
import { ImportNotifierStatisticsDto } from './dto/import-notifier-statistics.dto';
import { ListNotifiersQueryDto } from './dto/list-notifiers-query.dto';
import { NotifierDto, NotifierListDto } from './dto/notifier.dto';
import { UpdateNotifierDto } from './dto/update-notifier.dto';
import { WebhookEventDto } from './dto/webhook-event.dto';
import { NotifiersService } from './notifiers.service';

@ApiTags('notifiers')
@ApiExtraModels(WebhookEventDto)
@Controller('api/v1/notifiers')
export class NotifiersController {
  constructor(private readonly notifiers: NotifiersService) {}

  @Get()
  @Auth('viewer')
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'listNotifiers',
    summary: 'Notifiers, filtered, sorted and paginated',
    description:
      'The notifiers (e-mail or webhook) targets can name, filtered by enabled flag or name, ' +
      'sorted and paginated, with their delivery counts. Passwords are never ' +
      'returned (`hasPassword` instead), nor webhook URLs (their `origin` only) or header ' +
      'values (their names only). Any role.',
  })
  listNotifiers(@Query() query: ListNotifiersQueryDto): Promise<NotifierListDto> {
    return this.notifiers.list(query);
  }

  @Post()
  @Auth('admin')
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'createNotifier',
    summary: 'Define a notifier',
    description:
      'Defines an SMTP notifier (server, sender, recipients, optional credentials) or a ' +
      'WEBHOOK notifier (URL, optional headers, body format `json`, `slack` or `teams`); ' +
      'the password, the webhook URL and the header values are stored encrypted and never ' +
      'returned. 409 when the name is taken (case aside). Needs `admin`.',
  })
  @ApiCreatedResponse({ type: NotifierDto, description: 'The new notifier' })
  @ApiCallbacks({
    name: 'webhookEvent',
    callbackUrl: '{$request.body#/webhook/url}',
    method: 'post',
    requestBody: { type: WebhookEventDto },
    expectedResponse: {
      status: 200,
      description:
        'Delivered: any 2xx answer. Anything else, or no answer within ' +
        'VIGIL_NOTIFY_WEBHOOK_TIMEOUT_MS, is a failed attempt, retried with backoff. The body is ' +
        'this document for format `json`; `slack` and `teams` post chat messages instead.',
    },
  })
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
    description:
      'Runs every check of `POST /api/v1/notifiers`, a taken name included, and answers 204 ' +
      'without storing anything: 400 names each invalid field, 409 a name in use. For imports ' +
      'and scripts that want to know before they create (`vigil import skypunch --dry-run`). ' +
      'Needs `admin`.',
  })
  @ApiNoContentResponse({ description: 'Create would accept this notifier' })
  validateNotifier(@Body() body: CreateNotifierDto): Promise<void> {
    return this.notifiers.validateCreate(body);
  }

  @Get(':id')
  @Auth('viewer')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'getNotifier',
    summary: 'One notifier with its statistics',
    description:
      'One notifier with its settings (no password, webhook URL or header value) and its ' +
      'delivery statistics. ' +
      '404 when it does not exist. Any role.',
  })
  getNotifier(@Param() params: IdParamDto): Promise<NotifierDto> {
    return this.notifiers.get(params.id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'updateNotifier',
    summary: 'Change some fields of a notifier',
    description:
      'Changes only the fields given; `smtp` and `webhook` are replaced as a whole, but a ' +
      '`password`, webhook `url` or `headers` left out keeps the stored one. 409 when the new ' +
      'name is taken. Needs `admin`.',
  })
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
    description:
      'Deletes a notifier. 409 while a target still names it in `notifierIds`: ' +
      'remove it there first, or disable the notifier instead. Needs `admin`.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  deleteNotifier(@Param() params: IdParamDto): Promise<void> {
    return this.notifiers.remove(params.id);
  }

  @Put(':id/statistics')
  @HttpCode(204)
  @Auth('admin')
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'importNotifierStatistics',
    summary:
      'Take over the delivery counts another monitor kept for a notifier vigil has not sent through yet',
    description:
      'For moving from another monitor (`vigil import skypunch` uses it): sets `sentCount` and ' +
      '`failedCount` of a notifier, as if vigil had counted them so far. 409 once vigil has sent ' +
      'or tried to send through the notifier, so counts it made itself are never overwritten; ' +
      '404 for an unknown notifier. Needs `admin`.',
  })
  @ApiNoContentResponse({ description: "The counts are the notifier's now" })
  importNotifierStatistics(
    @Param() params: IdParamDto,
    @Body() body: ImportNotifierStatisticsDto,
  ): Promise<void> {
    return this.notifiers.importStatistics(params.id, body);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'enableNotifier',
    summary: 'Send notifications through a notifier',
    description:
      'Notifications go through this notifier again, from the next state change on.' +
      ' Needs `operator`.',
  })
  enableNotifier(@Param() params: IdParamDto): Promise<NotifierDto> {
    return this.notifiers.setEnabled(params.id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth('operator')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'disableNotifier',
    summary: 'Stop sending through a notifier',
    description:
      "Keeps the notifier's definition but sends nothing through it until it is " +
      'enabled again. Needs `operator`.',
  })
  disableNotifier(@Param() params: IdParamDto): Promise<NotifierDto> {
    return this.notifiers.setEnabled(params.id, false);
  }
}
