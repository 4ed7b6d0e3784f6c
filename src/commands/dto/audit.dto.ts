import { IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import type { Outcome, Transport } from '../command-audit.entity';
import { OmitOrValid } from '../../common/validation';

export class ListAuditQueryDto extends PaginationQueryDto {
  /** Only commands sent by this user. */
  @OmitOrValid()
  @IsString()
  @MaxLength(64)
  user?: string;
}

/** One command vigil sent or tried to send. */
export class CommandAuditDto {
  id!: number;
  /** Who sent it. */
  user!: string;
  sentAt!: Date;
  site!: string | null;
  transport!: Transport;
  command!: string;
  /** False for a command outside the catalogue, sent with its arguments as given. */
  catalogued!: boolean;
  /** The line as sent. */
  line!: string;
  /** `sent`, or `failed` with `error`. */
  outcome!: Outcome;
  error!: string | null;
}

export class CommandAuditListDto {
  /** Newest first. */
  items!: CommandAuditDto[];
  total!: number;
}
