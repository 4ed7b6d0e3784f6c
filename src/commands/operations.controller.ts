import { Body, Controller, Delete, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { type AuthUser, CurrentUser } from '../auth/roles';
import { ApiProblems } from '../common/api-problems.decorator';
import { AcceptedWhenUnconfirmed } from './accepted.interceptor';
import {
  AcknowledgeDto,
  CheckResultDto,
  CommentCreatedDto,
  CreateCommentDto,
  NotificationsDto,
  RemoveAcknowledgementQueryDto,
  RescheduleDto,
} from './dto/operations.dto';
import { CommandOutcomeDto } from './dto/target.dto';
import { OperationsService } from './operations.service';

/** How every operation here checks the object and reports its effect. */
const READ_BACK =
  'The object is looked up on the site first (404 when Icinga does not know ' +
  'it); the answer says whether the change showed on the site: 200 when read ' +
  'back, 202 when sent but not seen in time. 503 when the pipe or the site ' +
  'cannot be reached, 504 when it does not answer in time. Needs the ' +
  '`operator` role.';

const UNCONFIRMED = 'Sent, but its effect did not show on the site in time (see warning)';

@ApiTags('commands')
@Controller('api/v1')
@UseInterceptors(AcceptedWhenUnconfirmed)
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Post('acknowledgements')
  @HttpCode(200)
  @Auth('operator')
  @ApiOperation({
    operationId: 'acknowledgeProblem',
    summary: 'Acknowledge a host or service problem',
    description:
      'Acknowledges the current problem of a host or of one of its services, so ' +
      'that Icinga stops notifying about it; 409 when the object is UP or OK and ' +
      'there is nothing to acknowledge. ' +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommandOutcomeDto, description: 'Acknowledged, read back' })
  @ApiAcceptedResponse({ type: CommandOutcomeDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 409, 502, 503, 504)
  acknowledgeProblem(
    @CurrentUser() user: AuthUser,
    @Body() body: AcknowledgeDto,
  ): Promise<CommandOutcomeDto> {
    return this.operations.acknowledge(user, body);
  }

  @Delete('acknowledgements')
  @Auth('operator')
  @ApiOperation({
    operationId: 'removeAcknowledgement',
    summary: 'Remove the acknowledgement of a host or service',
    description:
      'Removes the acknowledgement of a host or service, so that notifications ' +
      'about its problem resume. ' +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommandOutcomeDto, description: 'Removed, read back' })
  @ApiAcceptedResponse({ type: CommandOutcomeDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 502, 503, 504)
  removeAcknowledgement(
    @CurrentUser() user: AuthUser,
    @Query() query: RemoveAcknowledgementQueryDto,
  ): Promise<CommandOutcomeDto> {
    return this.operations.removeAcknowledgement(user, query);
  }

  @Post('check-results')
  @HttpCode(200)
  @Auth('operator')
  @ApiOperation({
    operationId: 'submitCheckResult',
    summary: 'Submit a passive check result for a host or service',
    description:
      'Submits a passive check result (exit status and plugin output) for a host or' +
      ' service, as a monitored system or a pipeline step would. ' +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommandOutcomeDto, description: 'Processed, read back' })
  @ApiAcceptedResponse({ type: CommandOutcomeDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 502, 503, 504)
  submitCheckResult(
    @CurrentUser() user: AuthUser,
    @Body() body: CheckResultDto,
  ): Promise<CommandOutcomeDto> {
    return this.operations.checkResult(user, body);
  }

  @Post('checks/reschedule')
  @HttpCode(200)
  @Auth('operator')
  @ApiOperation({
    operationId: 'rescheduleCheck',
    summary: 'Force a check of a host or service now',
    description:
      'Asks Icinga to check a host or service now instead of waiting for its next ' +
      'scheduled check, e.g. after a fix. ' +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommandOutcomeDto, description: 'Checked, read back' })
  @ApiAcceptedResponse({ type: CommandOutcomeDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 502, 503, 504)
  rescheduleCheck(
    @CurrentUser() user: AuthUser,
    @Body() body: RescheduleDto,
  ): Promise<CommandOutcomeDto> {
    return this.operations.reschedule(user, body);
  }

  @Post('notifications/enable')
  @HttpCode(200)
  @Auth('operator')
  @ApiOperation({
    operationId: 'enableNotifications',
    summary: 'Enable notifications for a host, a service, or globally',
    description:
      "Turns Icinga's notifications back on for a host, a service, or (with no " +
      'host) globally. ' +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommandOutcomeDto, description: 'Enabled, read back' })
  @ApiAcceptedResponse({ type: CommandOutcomeDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 502, 503, 504)
  enableNotifications(
    @CurrentUser() user: AuthUser,
    @Body() body: NotificationsDto,
  ): Promise<CommandOutcomeDto> {
    return this.operations.notifications(user, body, true);
  }

  @Post('notifications/disable')
  @HttpCode(200)
  @Auth('operator')
  @ApiOperation({
    operationId: 'disableNotifications',
    summary: 'Disable notifications for a host, a service, or globally',
    description:
      "Turns Icinga's notifications off for a host, a service, or (with no host) " +
      'globally, e.g. during maintenance without a downtime. ' +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommandOutcomeDto, description: 'Disabled, read back' })
  @ApiAcceptedResponse({ type: CommandOutcomeDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 502, 503, 504)
  disableNotifications(
    @CurrentUser() user: AuthUser,
    @Body() body: NotificationsDto,
  ): Promise<CommandOutcomeDto> {
    return this.operations.notifications(user, body, false);
  }

  @Post('comments')
  @HttpCode(200)
  @Auth('operator')
  @ApiOperation({
    operationId: 'addComment',
    summary: 'Add a comment to a host or service',
    description:
      "Adds a comment to a host or service, shown in Icinga's interfaces; the " +
      "answer has the new comment's id when it could be read back. " +
      READ_BACK,
  })
  @ApiOkResponse({ type: CommentCreatedDto, description: 'Added, read back' })
  @ApiAcceptedResponse({ type: CommentCreatedDto, description: UNCONFIRMED })
  @ApiProblems(400, 404, 502, 503, 504)
  addComment(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCommentDto,
  ): Promise<CommentCreatedDto> {
    return this.operations.comment(user, body);
  }
}
