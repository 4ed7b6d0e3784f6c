import type { Type } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { PaginationQueryDto } from './pagination.dto';
import { containsPattern, LIKE_ESCAPE } from './query';
import { OmitOrValid } from './validation';

/** A sort value: a field, ascending, or `-` and the field, descending. */
export type SortValue<F extends string> = F | `-${F}`;

/** The query of a list of records with a name and an `enabled` flag (targets, notifiers). */
export interface NamedListQuery<F extends string> {
  limit: number;
  offset: number;
  enabled?: boolean;
  q?: string;
  sort?: SortValue<F>;
}

/** Every sort value of the fields, each ascending then descending. */
export function sortValues<F extends string>(fields: readonly F[]): SortValue<F>[] {
  return fields.flatMap((field): SortValue<F>[] => [field, `-${field}`]);
}

function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/**
 * The query DTO of a list of `plural` (`targets`): pagination, `enabled`, `q` (the name contains
 * it, ignoring case) and `sort` over `sortFields` (default `name`, ties broken by id).
 */
export function NamedListQueryDto<F extends string>(
  plural: string,
  sortFields: readonly F[],
): Type<NamedListQuery<F>> {
  const sorts = sortValues(sortFields);

  class ListQueryDto extends PaginationQueryDto {
    @ApiPropertyOptional({
      type: Boolean,
      description: `Only enabled (\`true\`) or disabled (\`false\`) ${plural}.`,
    })
    @OmitOrValid()
    @Transform(toBoolean)
    @IsBoolean()
    enabled?: boolean;

    @ApiPropertyOptional({
      type: String,
      maxLength: 128,
      description: `Only ${plural} whose name contains this text (case-insensitive).`,
    })
    @OmitOrValid()
    @IsString()
    @MaxLength(128)
    q?: string;

    @ApiPropertyOptional({
      enum: sorts,
      description: 'Sort field, `-` first for descending; ties are broken by id. Default `name`.',
    })
    @OmitOrValid()
    @IsIn(sorts)
    sort?: SortValue<F>;
  }
  return ListQueryDto;
}

/**
 * Applies a list query to a query builder over `alias`: the `enabled` and `q` filters, the sort
 * (a field's column is `columns[field]`, else `alias.field`; ties broken by `alias.id`) and the
 * page. Other filters are the caller's, added before or after.
 */
export function applyNamedListQuery<E extends ObjectLiteral, F extends string>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  query: NamedListQuery<F>,
  columns: Partial<Record<F, string>> = {},
): SelectQueryBuilder<E> {
  if (query.enabled !== undefined) {
    qb.andWhere(`${alias}.enabled = :enabled`, { enabled: query.enabled });
  }
  if (query.q) {
    qb.andWhere(`LOWER(${alias}.name) LIKE LOWER(:q) ESCAPE '${LIKE_ESCAPE}'`, {
      q: containsPattern(query.q),
    });
  }
  const sort = query.sort ?? 'name';
  const field = sort.replace(/^-/, '') as F;
  qb.orderBy(columns[field] ?? `${alias}.${field}`, sort.startsWith('-') ? 'DESC' : 'ASC');
  if (field !== 'id') qb.addOrderBy(`${alias}.id`, 'ASC');
  // offset and limit, not skip and take: a joined table (a target's state) is one row per record
  return qb.offset(query.offset).limit(query.limit);
}
