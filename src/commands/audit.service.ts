import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CommandAuditEntity } from './command-audit.entity';
import type { CommandAuditDto, CommandAuditListDto, ListAuditQueryDto } from './dto/audit.dto';

/** Reads the command audit log (CommandService writes it). */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(CommandAuditEntity)
    private readonly audit: Repository<CommandAuditEntity>,
  ) {}

  async list(query: ListAuditQueryDto): Promise<CommandAuditListDto> {
    const [rows, total] = await this.audit.findAndCount({
      where: query.user === undefined ? {} : { userName: query.user },
      order: { id: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });
    return { items: rows.map(toDto), total };
  }
}

function toDto(row: CommandAuditEntity): CommandAuditDto {
  return {
    id: row.id,
    user: row.userName,
    sentAt: row.sentAt,
    site: row.site,
    transport: row.transport,
    command: row.command,
    catalogued: row.catalogued,
    line: row.line,
    outcome: row.outcome,
    error: row.error,
  };
}
