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
    description:
      'The mails and webhook events vigil has queued or sent for target failures and ' +
      'recoveries, newest first: state (pending, sending, sent, dead, dropped), attempts and ' +
      'last error, filtered by state, notifier or target. Shows whether an SMTP or receiver ' +
      'outage is holding notifications back. Any role.',
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
      'Send a test mail or webhook event through a notifier now, outside the outbox (502 with the error when refused)',
    description:
      "Sends one test mail through the notifier's SMTP server, or posts one `TEST` event " +
      "(WebhookEventDto, in the notifier's format) to its webhook, right away, bypassing " +
      "the outbox, to check its settings. 502 with the SMTP server's answer, or the " +
      "receiver's HTTP status, when it refuses or cannot be reached (never the webhook URL " +
      'beyond its origin, nor a header value); 409 when the stored secrets cannot be ' +
      'decrypted. Needs `admin`.',
  })
  sendTestMail(@Param() params: IdParamDto): Promise<TestMailResultDto> {
    return this.notifications.sendTest(params.id);
  }
}
