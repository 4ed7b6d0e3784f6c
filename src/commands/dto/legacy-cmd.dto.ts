import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OmitOrValid } from '../../common/validation';

/** `/cmd` of livestatus-service. */
export class LegacyCmdQueryDto {
  /**
   * The command as `NAME;arg;arg...` (an optional `[<epoch>] ` prefix is replaced): one of the
   * catalogue, or any other external command named in capitals, digits and `_`.
   */
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  q!: string;

  /**
   * `icinga` = the command pipe (at most 4096 bytes per command, UTF-8, newline included; longer
   * is 400), `livestatus` = `COMMAND` over livestatus (no such limit); default: livestatus, as
   * livestatus-service did (VIGIL_LEGACY_CMD_HANDLER may change it). Ignored on an Icinga 2
   * API site, which takes commands only through its API.
   */
  @OmitOrValid()
  @IsIn(['livestatus', 'icinga'])
  handler?: 'livestatus' | 'icinga';

  /** The site (the first configured one when absent). */
  @OmitOrValid()
  @IsString()
  @MaxLength(100)
  site?: string;
}
