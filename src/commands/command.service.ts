import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { ProblemException, ValidationProblemException } from '../common/problem';
import { AppConfig } from '../app.config';
import { MetricsService } from '../metrics/metrics.service';
import { failureOf, failuresProblem } from '../sites/site-errors';
import { IcingaApiSite } from '../sites/icinga-api-site';
import { LivestatusSite } from '../sites/livestatus-site';
import { SitesService } from '../sites/sites.service';
import { sendApiCalls } from './api-command-sender';
import { apiCallsFor, describeCall } from './api-commands';
import { COMMANDS } from './catalog';
import { CommandRefused } from './command-refused';
import { CommandAuditEntity, type Transport } from './command-audit.entity';
import type { CatalogEntryDto, SendCommandDto } from './dto/command.dto';
import type { LegacyCmdQueryDto } from './dto/legacy-cmd.dto';
import type { SentCommandDto } from './dto/target.dto';
import { notFound } from './icinga-objects.service';
import { sendLivestatusCommand } from './livestatus-command-sender';
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

/** Where commands go: a configured site and a transport its kind has. */
export interface CommandTarget {
  site: string;
  transport: Transport;
}

/** Renames serialiser fields (`args.host`) to request fields (`hostName`). */
export type FieldNames = Record<string, string>;

const PIPE_PROBLEM = 'urn:vigil:problem:command-pipe';
const REJECTED_PROBLEM = 'urn:vigil:problem:command-rejected';

/**
 * Validates, serialises and sends external commands through the command pipe or livestatus
 * (livestatus sites) or as Icinga 2 API requests (API sites), and records each one sent in the
 * audit log.
 */
@Injectable()
export class CommandService {
  private readonly logger = new Logger('Commands');
  private readonly pipe: PipeTransport;
  private readonly defaultTransport: Transport;
  private readonly legacyTransport: Transport;

  constructor(
    config: AppConfig,
    private readonly sites: SitesService,
    @InjectRepository(CommandAuditEntity)
    private readonly audit: Repository<CommandAuditEntity>,
    private readonly metrics: MetricsService,
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

  /**
   * The site (named or the first) and transport of a request: `api` on an Icinga 2 API site,
   * which has no pipe; else the one given or configured.
   */
  target(site: string | undefined, transport: Transport | undefined): CommandTarget {
    const sites = this.sites.names();
    const name = site ?? sites[0];
    if (!this.sites.has(name)) {
      throw new ValidationProblemException([
        { field: 'site', message: `unknown site ${name} (configured: ${sites.join(', ')})` },
      ]);
    }
    if (this.isApiSite(name)) {
      if (transport !== undefined && transport !== 'api') {
        throw new ValidationProblemException([
          {
            field: 'transport',
            message: `site ${name} is an Icinga 2 API site: commands go through its API (api)`,
          },
        ]);
      }
      return { site: name, transport: 'api' };
    }
    if (transport === 'api') {
      throw new ValidationProblemException([
        {
          field: 'transport',
          message: `site ${name} speaks livestatus: commands go through the pipe or livestatus`,
        },
      ]);
    }
    return { site: name, transport: transport ?? this.defaultTransport };
  }

  /** Whether the named site (or the first) is an Icinga 2 API site. */
  private isApiSite(site: string | undefined): boolean {
    const name = site ?? this.sites.names()[0];
    return this.sites.has(name) && this.sites.get(name).kind === 'icinga2';
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
    return rejectedAs400(
      () => translatable(target, serializeCommand(command, args, now, maxLineBytes(target))),
      names,
    );
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
      () => translatable(target, serializeAny(dto.command, dto.args, now, maxLineBytes(target))),
      {},
    );
    return this.send(user, target, line, now);
  }

  /**
   * `/cmd?q=...&handler=...`: `OK\n` once sent; without `handler`, the legacy transport. An API
   * site takes every command through its API, whatever `handler` says.
   */
  async sendLegacy(user: AuthUser, dto: LegacyCmdQueryDto): Promise<string> {
    const transport = this.isApiSite(dto.site)
      ? undefined
      : dto.handler === 'icinga'
        ? 'pipe'
        : dto.handler === 'livestatus'
          ? 'livestatus'
          : this.legacyTransport;
    const target = this.target(dto.site, transport);
    const now = new Date();
    const line = rejectedAs400(
      () => translatable(target, serializeLegacy(dto.q, now, maxLineBytes(target)), 'q'),
      {},
    );
    await this.send(user, target, line, now);
    return 'OK\n';
  }

  /**
   * Sends a line built by `build` and records it. A pipe missing, without reader or full is 503
   * with nothing written; livestatus' `452 Error: ...` is 400 with Icinga's first line; on an
   * API site an unknown object is 404 and Icinga's other refusals 400, with Icinga's message;
   * a site that cannot be reached or does not answer in time as for queries.
   */
  async send(
    user: AuthUser,
    target: CommandTarget,
    line: string,
    submittedAt = new Date(),
  ): Promise<SentCommandDto> {
    return (await this.sendForNames(user, target, line, submittedAt)).sent;
  }

  /**
   * As `send`, also giving the names of the objects the site says the command made (an API
   * site's action results; none from livestatus or the pipe), so they can be read back by name.
   */
  async sendForNames(
    user: AuthUser,
    target: CommandTarget,
    line: string,
    submittedAt = new Date(),
  ): Promise<{ sent: SentCommandDto; names: string[] }> {
    const site = this.sites.get(target.site);
    const calls = target.transport === 'api' ? apiCallsFor(line) : undefined;
    const requests = calls?.map(describeCall);
    // the audit log keeps what went out: the API requests (no credentials) or the line
    const sent = requests ? requests.join('\n') : line;
    const names: string[] = [];
    try {
      if (target.transport === 'pipe') await this.pipe.send(line);
      else if (calls && site instanceof IcingaApiSite) {
        for (const r of await sendApiCalls(site.client, calls)) {
          if (typeof r.name === 'string') names.push(r.name);
        }
      } else if (site instanceof LivestatusSite) await sendLivestatusCommand(site, line);
      else throw new Error(`site ${site.name} cannot take transport ${target.transport}`);
    } catch (err) {
      await this.record(
        user,
        target,
        line,
        sent,
        submittedAt,
        err instanceof Error ? err.message : String(err),
      );
      throw this.problemOf(target, err);
    }
    await this.record(user, target, line, sent, submittedAt, null);
    const sentDto: SentCommandDto = {
      line,
      transport: target.transport,
      site: target.site,
      submittedAt,
      ...(requests ? { requests } : {}),
    };
    return { sent: sentDto, names };
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
    if (err instanceof CommandRefused) {
      // Icinga also finds no object when its API user may not run the action on it
      const hint =
        target.transport === 'api' ? " (or the site's API user may not run this action)" : '';
      return err.notFound
        ? notFound(`site ${target.site}: ${err.message}${hint}`)
        : new ProblemException(HttpStatus.BAD_REQUEST, err.message, {
            type: REJECTED_PROBLEM,
            title: 'Icinga rejected the command',
            extra: { site: target.site },
          });
    }
    return failuresProblem([failureOf(target.site, this.sites.get(target.site).address, err)]);
  }

  private async record(
    user: AuthUser,
    target: CommandTarget,
    line: string,
    sent: string,
    sentAt: Date,
    error: string | null,
  ): Promise<void> {
    const command = /^\[\d+\] ([A-Z_0-9]+)/.exec(line)?.[1] ?? '';
    // a command outside the catalogue is the caller's text: no label of its own
    this.metrics.commandSent(
      isCatalogued(command) ? command : 'other',
      target.transport,
      error === null ? 'sent' : 'failed',
    );
    try {
      await this.audit.insert({
        userName: user.name,
        sentAt,
        site: target.site,
        transport: target.transport,
        command,
        catalogued: isCatalogued(command),
        line: sent,
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

/**
 * The line, once it is known that an API site can take it (refused with 400 naming `field`
 * otherwise, before anything is sent).
 */
function translatable(target: CommandTarget, line: string, field?: string): string {
  if (target.transport !== 'api') return line;
  try {
    apiCallsFor(line);
  } catch (err) {
    if (field && err instanceof CommandRejected && err.field === 'command') {
      throw new CommandRejected(field, err.message);
    }
    throw err;
  }
  return line;
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
