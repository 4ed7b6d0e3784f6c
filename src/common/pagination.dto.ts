import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit` and `offset` of a paginated list. */
export class PaginationQueryDto {
  /** How many items to return (1-500). */
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  /** How many items to skip. */
  @ApiPropertyOptional({ default: 0, minimum: 0, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
