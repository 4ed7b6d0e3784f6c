import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { SingleLine } from './query-values';
import { OmitOrValid } from '../../common/validation';

export class LegacyQueryDto {
  /**
   * One LQL GET request; lines separated by real new lines or by the two characters `\n`,
   * e.g. `GET hosts\nColumns: name state`. `OutputFormat` is not allowed.
   */
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  q!: string;

  /** Answer an object keyed by this column's value; rows without a value are left out. */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  key?: string;

  /** The site to ask; the first configured site when absent. */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  site?: string;

  /** livestatus-service's query handler: `livestatus` is the only one that answers queries. */
  @OmitOrValid()
  @IsIn(['livestatus'])
  handler?: 'livestatus';
}
