import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { FORMATS, type Format, SingleLine } from './query-values';
import { OmitOrValid } from '../../common/validation';

export class RawQueryDto {
  /**
   * One LQL GET request, lines separated by new lines, e.g. `GET hosts\nColumns: name state`.
   * No COMMAND, nothing after an empty line, and no ResponseHeader, OutputFormat or KeepAlive
   * headers (vigil sets them).
   */
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  query!: string;

  /** Site name(s), comma-separated; all configured sites when absent. */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  site?: string;

  /** Answer an object keyed by this column's value instead of a list (format json only). */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  key?: string;

  /** `json` (default), `csv` with a header line, or `ndjson` (one object per line, streamed). */
  @OmitOrValid()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: Format;
}
