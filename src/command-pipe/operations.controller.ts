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

const UNCONFIRMED = 'Sent, but its effect did not show in livestatus in time (see warning)';

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
  @ApiOperation({ operationId: 'addComment', summary: 'Add a comment to a host or service' })
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
