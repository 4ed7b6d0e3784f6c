import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { OmitOrValid } from '../../common/validation';

export class ListResultsQueryDto extends PaginationQueryDto {
  /** Only probes from this time on (ISO 8601). */
  @OmitOrValid()
  @Type(() => Date)
  @IsDate()
  since?: Date;
}
