import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { NOTIFICATION_STATES, type NotificationState } from '../notification.entity';

export class ListNotificationsQueryDto extends PaginationQueryDto {
  /** Only deliveries in this state. */
  @ApiPropertyOptional({ enum: NOTIFICATION_STATES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATES)
  state?: NotificationState;

  /** Only deliveries to this notifier. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  notifierId?: number;

  /** Only deliveries about this target. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  targetId?: number;
}
