import { IsIn, IsString, MaxLength } from 'class-validator';
import { TRANSPORTS, type Transport } from '../command-audit.entity';
import { OmitOrValid } from '../../common/validation';

/** Where a command goes: the livestatus site and the transport. */
export class CommandTargetDto {
  /**
   * The livestatus site that is checked before and after, and that takes the command with the
   * `livestatus` transport; the first configured site when absent.
   */
  @OmitOrValid()
  @IsString()
  @MaxLength(100)
  site?: string;

  /**
   * `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
   * socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
   * each command goes out in one atomic write, whole or not at all, so it must fit in 4096
   * bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
   * is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
   */
  @OmitOrValid()
  @IsIn(TRANSPORTS)
  transport?: Transport;
}

/** A command as it was sent. */
export class SentCommandDto {
  /** The line sent, `[<epoch>] NAME;arg;...`. */
  line!: string;
  transport!: Transport;
  /** The site it was sent to (or checked against, for the pipe). */
  site!: string;
  submittedAt!: Date;
}

/** What a typed command did, and whether its effect was seen in livestatus afterwards. */
export class CommandOutcomeDto {
  /** The commands sent, in order. */
  commands!: SentCommandDto[];
  /** The effect was read back from livestatus within the wait (answer 200); else 202. */
  confirmed!: boolean;
  /** Why the answer is 202: the effect was not visible in time. */
  warning?: string;
}
