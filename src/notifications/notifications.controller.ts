import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParamDto } from '../common/id-param.dto';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import { NotificationListDto } from './dto/notification.dto';
import { TestMailResultDto } from './dto/test-mail-result.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('api/v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Auth('viewer')
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'listNotifications',
    summary: 'The notification outbox, newest first, filtered by state and paginated',
  })
  listNotifications(@Query() query: ListNotificationsQueryDto): Promise<NotificationListDto> {
    return this.notifications.list(query);
  }

  @Post('notifiers/:id/test')
  @HttpCode(200)
  @Auth('admin')
  @ApiProblems(400, 404, 409, 502)
  @ApiOperation({
    operationId: 'sendTestMail',
    summary:
      'Send a test mail through a notifier now, outside the outbox (502 with the SMTP error when refused)',
  })
  sendTestMail(@Param() params: IdParamDto): Promise<TestMailResultDto> {
    return this.notifications.sendTest(params.id);
  }
}
