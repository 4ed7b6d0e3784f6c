import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { FORMATS, type Format, SingleLine, ToInteger, ToList } from './query-values';

export class TableParamsDto {
  /** A livestatus table: hosts, services, hostgroups, servicegroups, contacts, comments, downtimes, status, ... */
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: 'table must consist of letters, digits and _ (not starting with a digit)',
  })
  table!: string;
}

export class TableQueryDto {
  /** Columns to return, comma-separated (e.g. `name,state`); all columns when absent. */
  @IsOptional()
  @IsString()
  @SingleLine()
  columns?: string;

  /**
   * A filter `<column> <operator> <value>` (e.g. `state = 2`); repeat it for more, all must hold.
   * Operators: `= ~ =~ ~~ < > <= >=` and `!= !~ !=~ !~~`; on list columns `>=` means contains.
   */
  @IsOptional()
  @ToList()
  @IsArray()
  @IsString({ each: true })
  @SingleLine({ each: true })
  filter?: string[];

  /**
   * A stats line: `<column> <operator> <value>` counts matching rows, `<function> <column>`
   * aggregates (sum, min, max, avg, std, suminv, avginv). Repeatable; with `columns`, grouped by them.
   */
  @IsOptional()
  @ToList()
  @IsArray()
  @IsString({ each: true })
  @SingleLine({ each: true })
  stats?: string[];

  /** At most this many rows (over all sites). */
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'limit must be a whole number from 0 to 10000000' })
  @Min(0, { message: 'limit must be a whole number from 0 to 10000000' })
  @Max(10000000, { message: 'limit must be a whole number from 0 to 10000000' })
  limit?: number;

  /** Answer an object keyed by this column's value instead of a list (format json only). */
  @IsOptional()
  @IsString()
  @SingleLine()
  key?: string;

  /** `json` (default), `csv` with a header line, or `ndjson` (one object per line, streamed). */
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: Format;

  /** Site name(s), comma-separated; all configured sites when absent. */
  @IsOptional()
  @IsString()
  @SingleLine()
  site?: string;
}
