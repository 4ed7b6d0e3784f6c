import { IsIn, IsString, MaxLength } from 'class-validator';
import { TRANSPORTS, type Transport } from '../command-audit.entity';
import { OmitOrValid } from '../../common/validation';

/** Where a command goes: the site and the transport. */
export class CommandTargetDto {
  /**
   * The site that is checked before and after, and that takes the command with the
   * `livestatus` or `api` transport; the first configured site when absent.
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
   * An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
   * are 400 there), and `api` only goes to such a site.
   */
  @OmitOrValid()
  @IsIn(TRANSPORTS)
  transport?: Transport;
}

/** A command as it was sent. */
export class SentCommandDto {
  /** The line sent, `[<epoch>] NAME;arg;...` (for `api`: the command the requests carry out). */
  line!: string;
  transport!: Transport;
  /** For `api`: the API requests made, one each (`POST /v1/actions/<name> <JSON body>`). */
  requests?: string[];
  /** The site it was sent to (or checked against, for the pipe). */
  site!: string;
  submittedAt!: Date;
}

/** What a typed command did, and whether its effect was seen on the site afterwards. */
export class CommandOutcomeDto {
  /** The commands sent, in order. */
  commands!: SentCommandDto[];
  /** The effect was read back from the site within the wait (answer 200); else 202. */
  confirmed!: boolean;
  /** Why the answer is 202: the effect was not visible in time. */
  warning?: string;
}
