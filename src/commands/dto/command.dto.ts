import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { CommandTargetDto } from './target.dto';

/** `POST /api/v1/commands`: any external command. */
export class SendCommandDto extends CommandTargetDto {
  /**
   * A command name of the catalogue (`GET /api/v1/commands/catalog`), e.g. `ADD_HOST_COMMENT`, or
   * any other external command named in capitals, digits and `_`.
   */
  @IsString()
  @MaxLength(64)
  command!: string;

  /**
   * The arguments by name (`{ "host": "web-01", "comment": "hi" }`) or as a list in Icinga's
   * order; optional ones may be left out. A command outside the catalogue takes a list.
   */
  @ApiProperty({
    oneOf: [
      {
        type: 'object',
        additionalProperties: {
          oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
        },
      },
      {
        type: 'array',
        items: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
      },
    ],
  })
  @IsDefined()
  args!: Record<string, string | number | boolean | null> | (string | number | boolean | null)[];
}

export class CatalogArgDto {
  name!: string;
  @ApiProperty({ enum: ['string', 'integer', 'boolean', 'epoch', 'downtimeId', 'commentId'] })
  type!: string;
  required!: boolean;
  /** The last argument may contain `;`. */
  freeText!: boolean;
  description?: string;
}

export class CatalogEntryDto {
  name!: string;
  description!: string;
  /** The arguments in Icinga's order. */
  args!: CatalogArgDto[];
}
