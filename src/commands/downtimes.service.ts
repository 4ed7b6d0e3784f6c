import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles';
import { ValidationProblemException } from '../common/problem';
import { CommandService, type FieldNames } from './command.service';
import type {
  CreateDowntimeDto,
  DowntimeDeletedDto,
  DowntimeDto,
  DowntimeListDto,
  DowntimesCreatedDto,
  ListDowntimesQueryDto,
} from './dto/downtime.dto';
import type { CommandTargetDto, SentCommandDto } from './dto/target.dto';
import { IcingaObjectsService, notFound, type Row } from './icinga-objects.service';

const FIELDS: FieldNames = {
  'args.host': 'hostName',
  'args.service': 'serviceDescription',
  'args.hostgroup': 'hostGroup',
  'args.servicegroup': 'serviceGroup',
  'args.author': 'author',
  'args.comment': 'comment',
  'args.start': 'start',
  'args.end': 'end',
  'args.duration': 'durationSeconds',
};

/** Host or host/service pairs a downtime request covers, as `host/service` keys. */
type Expected = Set<string>;

const keyOf = (host: string, service: string | null | undefined) =>
  service ? `${host}/${service}` : host;

/** Scheduling, listing and deleting downtimes, each read back from livestatus. */
@Injectable()
export class DowntimesService {
  constructor(
    private readonly commands: CommandService,
    private readonly objects: IcingaObjectsService,
  ) {}

  async create(user: AuthUser, dto: CreateDowntimeDto): Promise<DowntimesCreatedDto> {
    const target = this.commands.target(dto.site, dto.transport);
    const now = new Date();
    const start = dto.start
      ? Math.floor(Date.parse(dto.start) / 1000)
      : Math.floor(now.getTime() / 1000);
    const fixed = dto.fixed ?? true;
    const end = window(dto, start, fixed);
    const author = dto.author ?? user.name;
    const duration = fixed ? end - start : (dto.durationSeconds ?? 0);
    const common = { start, end, fixed, triggerId: 0, duration, author, comment: dto.comment };

    const plan = selection(dto);
    const lines: string[] = [];
    for (const [command, subject] of plan) {
      lines.push(this.commands.build(target, command, { ...subject, ...common }, FIELDS, now));
    }

    const expected: Expected = new Set();
    const site = target.site;
    if (dto.hostName !== undefined && dto.serviceDescription !== undefined) {
      await this.objects.object(
        site,
        { hostName: dto.hostName, serviceDescription: dto.serviceDescription },
        ['host_name'],
      );
      expected.add(keyOf(dto.hostName, dto.serviceDescription));
    } else if (dto.hostName !== undefined) {
      expected.add(dto.hostName);
      // its services only when they get downtimes too: listing them scans every service
      if (dto.allServices) {
        for (const s of await this.objects.servicesOf(site, dto.hostName)) {
          expected.add(keyOf(dto.hostName, s));
        }
      } else {
        await this.objects.object(site, { hostName: dto.hostName }, ['name']);
      }
    } else if (dto.hostGroup !== undefined) {
      const hosts = await this.objects.hostsOfGroup(site, dto.hostGroup);
      for (const h of hosts) {
        expected.add(h);
        if (dto.allServices) {
          for (const s of await this.objects.servicesOf(site, h)) expected.add(keyOf(h, s));
        }
      }
    } else if (dto.serviceGroup !== undefined) {
      for (const ref of await this.objects.servicesOfGroup(site, dto.serviceGroup)) {
        expected.add(keyOf(ref.hostName, ref.serviceDescription));
      }
    }

    const sent: SentCommandDto[] = [];
    const names: string[] = [];
    for (const line of lines) {
      const done = await this.commands.sendForNames(user, target, line, now);
      sent.push(done.sent);
      names.push(...done.names);
    }

    const entered = Math.floor(now.getTime() / 1000) - 1;
    const filters = [
      `author = ${author}`,
      `start_time = ${start}`,
      `end_time = ${end}`,
      `entry_time >= ${entered}`,
    ];
    const found = await this.objects.waitFor(async () => {
      // an API site names the downtimes it made: read those, not every downtime
      const rows =
        (names.length > 0 ? await this.objects.downtimesNamed(site, names, filters) : undefined) ??
        (await this.objects.downtimes(site, filters));
      const mine = rows.filter(
        (r) =>
          r.comment === dto.comment &&
          expected.has(keyOf(String(r.host_name), r.service_description as string | null)),
      );
      const seen = new Set(
        mine.map((r) => keyOf(String(r.host_name), r.service_description as string | null)),
      );
      return seen.size >= expected.size ? mine : undefined;
    });
    if (!found) {
      return {
        commands: sent,
        confirmed: false,
        warning: `the downtimes were sent but did not appear on site ${site} within ${POLL_SECONDS} s`,
        downtimes: [],
      };
    }
    return {
      commands: sent,
      confirmed: true,
      downtimes: found.map((r) => toDto(site, r)).sort(byStart),
    };
  }

  async list(query: ListDowntimesQueryDto): Promise<DowntimeListDto> {
    const { site } = this.commands.target(query.site, undefined);
    const filters: string[] = [];
    if (query.hostName !== undefined) filters.push(`host_name = ${query.hostName}`);
    if (query.serviceDescription !== undefined) {
      filters.push(`service_description = ${query.serviceDescription}`);
    }
    const rows = (await this.objects.downtimes(site, filters))
      .map((r) => toDto(site, r))
      .sort(byStart);
    return { items: rows.slice(query.offset, query.offset + query.limit), total: rows.length };
  }

  async remove(user: AuthUser, id: number, where: CommandTargetDto): Promise<DowntimeDeletedDto> {
    const target = this.commands.target(where.site, where.transport);
    const [row] = await this.objects.downtimes(target.site, [`id = ${id}`]);
    if (!row) throw notFound(`downtime ${id} does not exist on site ${target.site}`);
    const now = new Date();
    const command = row.is_service ? 'DEL_SVC_DOWNTIME' : 'DEL_HOST_DOWNTIME';
    const line = this.commands.build(target, command, { downtimeId: id }, {}, now);
    const sent = await this.commands.send(user, target, line, now);
    const gone = await this.objects.waitFor(async () => {
      const rows = await this.objects.downtimes(target.site, [`id = ${id}`]);
      return rows.length === 0 ? true : undefined;
    });
    return {
      commands: [sent],
      confirmed: gone === true,
      warning: gone
        ? undefined
        : `downtime ${id} was still there ${POLL_SECONDS} s after the command`,
      downtime: toDto(target.site, row),
    };
  }
}

const POLL_SECONDS = 3;

/** The commands for the request's subject, with their subject arguments. */
function selection(dto: CreateDowntimeDto): [string, Record<string, string>][] {
  const subjects = [dto.hostName, dto.hostGroup, dto.serviceGroup].filter((s) => s !== undefined);
  if (subjects.length !== 1) {
    invalid('hostName', 'give exactly one of hostName, hostGroup or serviceGroup');
  }
  if (dto.serviceDescription !== undefined && dto.hostName === undefined) {
    invalid('serviceDescription', 'needs hostName');
  }
  if (dto.serviceDescription !== undefined && dto.allServices) {
    invalid('allServices', 'cannot be combined with serviceDescription');
  }
  if (dto.serviceGroup !== undefined && dto.allServices !== undefined) {
    invalid('allServices', 'does not apply to a service group');
  }
  if (dto.hostName !== undefined) {
    if (dto.serviceDescription !== undefined) {
      return [['SCHEDULE_SVC_DOWNTIME', { host: dto.hostName, service: dto.serviceDescription }]];
    }
    // Icinga 2's SCHEDULE_HOST_SVC_DOWNTIME covers the host itself and every service.
    return [
      [
        dto.allServices ? 'SCHEDULE_HOST_SVC_DOWNTIME' : 'SCHEDULE_HOST_DOWNTIME',
        { host: dto.hostName },
      ],
    ];
  }
  if (dto.hostGroup !== undefined) {
    const hosts: [string, Record<string, string>] = [
      'SCHEDULE_HOSTGROUP_HOST_DOWNTIME',
      { hostgroup: dto.hostGroup },
    ];
    return dto.allServices
      ? [hosts, ['SCHEDULE_HOSTGROUP_SVC_DOWNTIME', { hostgroup: dto.hostGroup }]]
      : [hosts];
  }
  return [['SCHEDULE_SERVICEGROUP_SVC_DOWNTIME', { servicegroup: dto.serviceGroup! }]];
}

/** The end (epoch seconds) from `end` or `durationSeconds`. */
function window(dto: CreateDowntimeDto, start: number, fixed: boolean): number {
  if (dto.end !== undefined) {
    const end = Math.floor(Date.parse(dto.end) / 1000);
    if (end <= start) invalid('end', 'must be after start');
    if (!fixed && dto.durationSeconds === undefined) {
      invalid('durationSeconds', 'is required for a flexible downtime');
    }
    return end;
  }
  if (dto.durationSeconds === undefined) invalid('end', 'give end or durationSeconds');
  return start + dto.durationSeconds;
}

function invalid(field: string, message: string): never {
  throw new ValidationProblemException([{ field, message }]);
}

const epochDate = (value: unknown) => new Date(Number(value) * 1000);

function toDto(site: string, r: Row): DowntimeDto {
  return {
    id: Number(r.id),
    site,
    hostName: String(r.host_name),
    serviceDescription:
      r.is_service && typeof r.service_description === 'string' ? r.service_description : null,
    start: epochDate(r.start_time),
    end: epochDate(r.end_time),
    fixed: r.fixed === true || r.fixed === 1,
    durationSeconds: Number(r.duration),
    author: String(r.author),
    comment: String(r.comment),
    createdAt: epochDate(r.entry_time),
  };
}

function byStart(a: DowntimeDto, b: DowntimeDto): number {
  return a.start.getTime() - b.start.getTime() || a.id - b.id;
}
