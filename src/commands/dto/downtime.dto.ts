import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDateString,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { CommandOutcomeDto, CommandTargetDto } from './target.dto';
import { OmitOrValid, WholeNumber } from '../../common/validation';

/**
 * `POST /api/v1/downtimes`: exactly one of `hostName`, `hostGroup` or `serviceGroup`; with
 * `hostName`, either one `serviceDescription` or `allServices`.
 */
export class CreateDowntimeDto extends CommandTargetDto {
  /** The host (with `serviceDescription`: that service's host). */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  hostName?: string;

  /** One service of `hostName`. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  serviceDescription?: string;

  /** Also every service of the host (or of the host group's hosts). */
  @OmitOrValid()
  @IsBoolean()
  allServices?: boolean;

  /** Every host of this host group. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  hostGroup?: string;

  /** Every service of this service group. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  serviceGroup?: string;

  /** Start (ISO 8601); now when absent. */
  @OmitOrValid()
  @IsDateString({ strict: true })
  start?: string;

  /** End (ISO 8601); give this or `durationSeconds`. */
  @OmitOrValid()
  @IsDateString({ strict: true })
  end?: string;

  /**
   * Length in seconds: the end is `start` + this when `end` is absent; for a flexible
   * downtime (`fixed: false`) how long it lasts once it begins.
   */
  @OmitOrValid()
  @IsInt()
  @Min(1)
  @Max(31536000)
  durationSeconds?: number;

  /** Fixed (default) or flexible. */
  @OmitOrValid()
  @IsBoolean()
  fixed?: boolean;

  /** Who schedules it; the caller when absent. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  author?: string;

  /**
   * Why (may contain `;`, not a line break).
   * With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
   * included), else 400 naming this field; `livestatus` has no such limit.
   */
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  comment!: string;
}

/** A downtime as livestatus shows it. */
export class DowntimeDto {
  /** Icinga's downtime id (what `DELETE /api/v1/downtimes/{id}` takes). */
  id!: number;
  site!: string;
  hostName!: string;
  /** Null for a host downtime. */
  @ApiProperty({ type: 'string', nullable: true })
  serviceDescription!: string | null;
  start!: Date;
  end!: Date;
  fixed!: boolean;
  /** For a flexible downtime, how long it lasts once it begins. */
  durationSeconds!: number;
  author!: string;
  comment!: string;
  /** When it was scheduled. */
  createdAt!: Date;
}

export class DowntimesCreatedDto extends CommandOutcomeDto {
  /** The downtimes made (empty when they were not visible in time: 202). */
  downtimes!: DowntimeDto[];
}

export class ListDowntimesQueryDto extends PaginationQueryDto {
  @OmitOrValid()
  @IsString()
  @MaxLength(255)
  hostName?: string;

  @OmitOrValid()
  @IsString()
  @MaxLength(255)
  serviceDescription?: string;

  /** The site (the first configured one when absent). */
  @OmitOrValid()
  @IsString()
  @MaxLength(100)
  site?: string;
}

export class DowntimeListDto {
  /** Sorted by start, then id. */
  items!: DowntimeDto[];
  total!: number;
}

export class DowntimeIdParamDto {
  /** Icinga's downtime id. */
  @WholeNumber({ min: 0, max: 2147483647, fromText: true })
  id!: number;
}

export class DowntimeDeletedDto extends CommandOutcomeDto {
  /** The downtime that was deleted. */
  downtime!: DowntimeDto;
}
