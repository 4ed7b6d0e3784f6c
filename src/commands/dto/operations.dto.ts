import { IsBoolean, IsIn, IsInt, IsString, MaxLength, MinLength } from 'class-validator';
import { CommandOutcomeDto, CommandTargetDto } from './target.dto';
import { OmitOrValid } from '../../common/validation';

export class HostDto extends CommandTargetDto {
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  hostName!: string;

  /** A service of the host; the host itself when absent. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  serviceDescription?: string;
}

export class AcknowledgeDto extends HostDto {
  /** Keep the acknowledgement until the object is OK/UP again (not just until any change). */
  @OmitOrValid()
  @IsBoolean()
  sticky?: boolean;

  /** Notify contacts of the acknowledgement. */
  @OmitOrValid()
  @IsBoolean()
  notify?: boolean;

  /** Keep the acknowledgement's comment across restarts. */
  @OmitOrValid()
  @IsBoolean()
  persistent?: boolean;

  /** Who acknowledges; the caller when absent. */
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

export class RemoveAcknowledgementQueryDto extends HostDto {}

export class CheckResultDto extends HostDto {
  /** Services: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Hosts: 0 UP, 1 DOWN. */
  @IsInt()
  @IsIn([0, 1, 2, 3])
  exitStatus!: number;

  /**
   * The plugin output (may contain `;` and `|perfdata`, not a line break).
   * With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
   * included), else 400 naming this field; `livestatus` has no such limit.
   */
  @IsString()
  @MaxLength(65536)
  output!: string;
}

export class RescheduleDto extends HostDto {}

/** None of them: global notifications. */
export class NotificationsDto extends CommandTargetDto {
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  hostName?: string;

  /** A service of `hostName`. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  serviceDescription?: string;
}

export class CreateCommentDto extends HostDto {
  /**
   * The comment (may contain `;`, not a line break).
   * With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
   * included), else 400 naming this field; `livestatus` has no such limit.
   */
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  comment!: string;

  /** Keep the comment across restarts (default true). */
  @OmitOrValid()
  @IsBoolean()
  persistent?: boolean;

  /** Who writes it; the caller when absent. */
  @OmitOrValid()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  author?: string;
}

export class CommentCreatedDto extends CommandOutcomeDto {
  /** Icinga's id of the new comment, when it was seen in time. */
  commentId?: number;
}
