import { IsArray, IsIn, IsString, Matches } from 'class-validator';
import { FORMATS, type Format, SingleLine, ToList } from './query-values';
import { OmitOrValid, WholeNumber } from '../../common/validation';

export class TableParamsDto {
  /** A livestatus table: hosts, services, hostgroups, servicegroups, contacts, comments, downtimes, status, ... */
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: 'table must consist of letters, digits and _ (not starting with a digit)',
  })
  table!: string;
}

export class TableQueryDto {
  /** Columns to return, comma-separated (e.g. `name,state`); all columns when absent. */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  columns?: string;

  /**
   * A filter `<column> <operator> <value>` (e.g. `state = 2`); repeat it for more, all must hold.
   * Operators: `= ~ =~ ~~ < > <= >=` and `!= !~ !=~ !~~`; on list columns `>=` means contains.
   */
  @OmitOrValid()
  @ToList()
  @IsArray()
  @IsString({ each: true })
  @SingleLine({ each: true })
  filter?: string[];

  /**
   * A stats line: `<column> <operator> <value>` counts matching rows, `<function> <column>`
   * aggregates (sum, min, max, avg, std, suminv, avginv). Repeatable; with `columns`, grouped by them.
   */
  @OmitOrValid()
  @ToList()
  @IsArray()
  @IsString({ each: true })
  @SingleLine({ each: true })
  stats?: string[];

  /** At most this many rows (over all sites). */
  @WholeNumber({ min: 0, max: 10000000, optional: true, fromText: true })
  limit?: number;

  /** Answer an object keyed by this column's value instead of a list (format json only). */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  key?: string;

  /** `json` (default), `csv` with a header line, or `ndjson` (one object per line, streamed). */
  @OmitOrValid()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: Format;

  /** Site name(s), comma-separated; all configured sites when absent. */
  @OmitOrValid()
  @IsString()
  @SingleLine()
  site?: string;
}
