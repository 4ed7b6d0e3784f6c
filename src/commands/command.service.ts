import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { ProblemException, ValidationProblemException } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { failureOf, failuresProblem } from '../livestatus/errors';
import { firstLine, LqlError } from '../livestatus/lql-client';
import { LivestatusService } from '../livestatus/livestatus.service';
import { COMMANDS } from './catalog';
import { CommandAuditEntity, type Transport } from './command-audit.entity';
import type { CatalogEntryDto, SendCommandDto } from './dto/command.dto';
import type { LegacyCmdQueryDto } from './dto/legacy-cmd.dto';
import type { SentCommandDto } from './dto/target.dto';
import {
  PIPE_BUF,
  PipeLineTooLong,
  type PipeState,
  pipeState,
  PipeTransport,
  PipeUnavailable,
} from './pipe-transport';
import {
  type ArgValue,
  CommandRejected,
  isCatalogued,
  serializeAny,
  serializeCommand,
  serializeLegacy,
} from './serializer';

/** Where commands go: a configured livestatus site and a transport. */
export interface CommandTarget {
  site: string;
  transport: Transport;
}

/** Renames serialiser fields (`args.host`) to request fields (`hostName`). */
export type FieldNames = Record<string, string>;

const PIPE_PROBLEM = 'urn:vigil:problem:command-pipe';
const REJECTED_PROBLEM = 'urn:vigil:problem:command-rejected';

/**
 * Validates, serialises and sends external commands through the command pipe or livestatus,
 * and records each one sent in the audit log.
 */
@Injectable()
export class CommandService {
  private readonly logger = new Logger('Commands');
  private readonly pipe: PipeTransport;
  private readonly defaultTransport: Transport;
  private readonly legacyTransport: Transport;

  constructor(
    config: AppConfig,
    private readonly livestatus: LivestatusService,
    @InjectRepository(CommandAuditEntity)
    private readonly audit: Repository<CommandAuditEntity>,
  ) {
    this.pipe = new PipeTransport(config.commandPipe.pipePath);
    this.defaultTransport = config.commandPipe.defaultTransport;
    this.legacyTransport = config.commandPipe.legacyTransport;
  }

  /** The configured command pipe and whether it could take a command now (nothing is written). */
  async pipeHealth(): Promise<PipeState & { path: string }> {
    return { path: this.pipe.path, ...(await pipeState(this.pipe.path)) };
  }

  catalog(): CatalogEntryDto[] {
    return [...COMMANDS.values()].map((c) => ({
      name: c.name,
      description: c.description,
      args: c.args.map((a) => ({
        name: a.name,
        type: a.type,
        required: a.required,
        freeText: a.freeText ?? false,
        description: a.description,
      })),
    }));
  }

  /** The site (named or the first) and transport (given or configured) of a request. */
  target(site: string | undefined, transport: Transport | undefined): CommandTarget {
    const sites = this.livestatus.sites.map((s) => s.name);
    const name = site ?? sites[0];
    if (!sites.includes(name)) {
      throw new ValidationProblemException([
        { field: 'site', message: `unknown site ${name} (configured: ${sites.join(', ')})` },
      ]);
    }
    return { site: name, transport: transport ?? this.defaultTransport };
  }

  /**
   * Builds a command line for a target, answering 400 (naming the field) for anything that
   * cannot be sent, including a line the command pipe cannot take in one atomic write.
   */
  build(
    target: CommandTarget,
    command: string,
    args: Record<string, ArgValue> | ArgValue[],
    names: FieldNames = {},
    now = new Date(),
  ): string {
    return rejectedAs400(() => serializeCommand(command, args, now, maxLineBytes(target)), names);
  }

  /** `POST /api/v1/commands`. */
  async sendGeneric(user: AuthUser, dto: SendCommandDto): Promise<SentCommandDto> {
    const target = this.target(dto.site, dto.transport);
    if (typeof dto.args !== 'object' || dto.args === null) {
      throw new ValidationProblemException([
        { field: 'args', message: 'must be an object of arguments by name or a list' },
      ]);
    }
    const entries: [string, unknown][] = Array.isArray(dto.args)
      ? dto.args.map((v, i) => [String(i), v])
      : Object.entries(dto.args);
    for (const [key, value] of entries) {
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        throw new ValidationProblemException([
          { field: `args.${key}`, message: 'must be a string, number, boolean or null' },
        ]);
      }
    }
    const now = new Date();
    const line = rejectedAs400(
      () => serializeAny(dto.command, dto.args, now, maxLineBytes(target)),
      {},
    );
    return this.send(user, target, line, now);
  }

  /** `/cmd?q=...&handler=...`: `OK\n` once sent; without `handler`, the legacy transport. */
  async sendLegacy(user: AuthUser, dto: LegacyCmdQueryDto): Promise<string> {
    const transport =
      dto.handler === 'icinga'
        ? 'pipe'
        : dto.handler === 'livestatus'
          ? 'livestatus'
          : this.legacyTransport;
    const target = this.target(dto.site, transport);
    const now = new Date();
    const line = rejectedAs400(() => serializeLegacy(dto.q, now, maxLineBytes(target)), {});
    await this.send(user, target, line, now);
    return 'OK\n';
  }

  /**
   * Sends a line built by `build` and records it. A pipe missing, without reader or full is 503
   * with nothing written; livestatus' `452 Error: ...` is 400 with Icinga's first line; other
   * livestatus failures as for queries.
   */
  async send(
    user: AuthUser,
    target: CommandTarget,
    line: string,
    submittedAt = new Date(),
  ): Promise<SentCommandDto> {
    try {
      if (target.transport === 'pipe') await this.pipe.send(line);
      else await this.sendLivestatus(target.site, line);
    } catch (err) {
      await this.record(
        user,
        target,
        line,
        submittedAt,
        err instanceof Error ? err.message : String(err),
      );
      throw this.problemOf(target, err);
    }
    await this.record(user, target, line, submittedAt, null);
    return { line, transport: target.transport, site: target.site, submittedAt };
  }

  private async sendLivestatus(site: string, line: string): Promise<void> {
    const client = this.livestatus.client(site);
    const reply = await client.request(`COMMAND ${line}`);
    if (reply.status !== 200) {
      throw new LqlError(
        'status',
        site,
        client.address,
        firstLine(reply.body) || `livestatus answered status ${reply.status}`,
        reply.status,
      );
    }
  }

  private problemOf(target: CommandTarget, err: unknown): Error {
    if (err instanceof PipeLineTooLong) {
      // `build` refuses such lines first; this is the transport's own guard
      return new ValidationProblemException([{ field: 'line', message: err.message }]);
    }
    if (err instanceof PipeUnavailable) {
      return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, err.message, {
        type: PIPE_PROBLEM,
        title: 'Command pipe unavailable',
        headers: { 'Retry-After': '5' },
      });
    }
    // anything else from the pipe is a fault of ours (500), not of a livestatus site
    if (target.transport === 'pipe') return err instanceof Error ? err : new Error(String(err));
    if (err instanceof LqlError && err.kind === 'status' && err.status !== 404) {
      return new ProblemException(HttpStatus.BAD_REQUEST, err.message, {
        type: REJECTED_PROBLEM,
        title: 'Icinga rejected the command',
        extra: { site: target.site },
      });
    }
    const client = this.livestatus.client(target.site);
    return failuresProblem([failureOf(target.site, client.address, err)]);
  }

  private async record(
    user: AuthUser,
    target: CommandTarget,
    line: string,
    sentAt: Date,
    error: string | null,
  ): Promise<void> {
    const command = /^\[\d+\] ([A-Z_0-9]+)/.exec(line)?.[1] ?? '';
    try {
      await this.audit.insert({
        userName: user.name,
        sentAt,
        site: target.site,
        transport: target.transport,
        command,
        catalogued: isCatalogued(command),
        line,
        outcome: error === null ? 'sent' : 'failed',
        error,
      });
    } catch (err) {
      this.logger.error(
        `could not record ${command} by ${user.name} in the audit log: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

/** The longest line (UTF-8, with its newline) a target takes: PIPE_BUF for the pipe. */
function maxLineBytes(target: CommandTarget): number | undefined {
  return target.transport === 'pipe' ? PIPE_BUF : undefined;
}

/** Runs `build`, turning a CommandRejected into the 400 answer naming the request field. */
export function rejectedAs400<T>(build: () => T, names: FieldNames): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof CommandRejected) {
      throw new ValidationProblemException([
        { field: names[err.field] ?? err.field, message: err.message },
      ]);
    }
    throw err;
  }
}
