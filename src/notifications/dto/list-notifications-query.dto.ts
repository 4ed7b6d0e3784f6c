import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { NOTIFICATION_STATES, type NotificationState } from '../notification.entity';
import { OmitOrValid, WholeNumber } from '../../common/validation';

export class ListNotificationsQueryDto extends PaginationQueryDto {
  /** Only deliveries in this state. */
  @ApiPropertyOptional({ enum: NOTIFICATION_STATES })
  @OmitOrValid()
  @IsIn(NOTIFICATION_STATES)
  state?: NotificationState;

  /** Only deliveries to this notifier. */
  @WholeNumber({ min: 1, max: 2147483647, optional: true, fromText: true })
  notifierId?: number;

  /** Only deliveries about this target. */
  @WholeNumber({ min: 1, max: 2147483647, optional: true, fromText: true })
  targetId?: number;
}
