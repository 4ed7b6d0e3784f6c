import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles';
import { ProblemException, ValidationProblemException } from '../common/problem';
import { CommandService, type FieldNames } from './command.service';
import type {
  AcknowledgeDto,
  CheckResultDto,
  CommentCreatedDto,
  CreateCommentDto,
  NotificationsDto,
  RemoveAcknowledgementQueryDto,
  RescheduleDto,
} from './dto/operations.dto';
import type { Transport } from './command-audit.entity';
import type { CommandOutcomeDto } from './dto/target.dto';
import {
  IcingaObjectsService,
  type ObjectRef,
  POLL_TIMEOUT_MS,
  type Row,
} from './icinga-objects.service';

const FIELDS: FieldNames = {
  'args.host': 'hostName',
  'args.service': 'serviceDescription',
  'args.author': 'author',
  'args.comment': 'comment',
  'args.output': 'output',
  'args.status': 'exitStatus',
  'args.returnCode': 'exitStatus',
};

interface Operation<T> {
  user: AuthUser;
  where: { site?: string; transport?: Transport };
  /** The host or service the command is about (checked to exist first); none for global ones. */
  ref?: ObjectRef;
  /** Columns of the object read before the command, passed to `precheck`. */
  columns?: string[];
  precheck?: (before: Row) => void;
  command: string;
  args: Record<string, string | number | boolean>;
  /** Reads the effect; a value (not undefined) once it is visible. */
  effect: (site: string, submitted: number) => Promise<T | undefined>;
  what: string;
}

/**
 * Acknowledgements, passive check results, forced checks, notification switches and comments:
 * each checks its host or service exists, sends one command and reads its effect back.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly commands: CommandService,
    private readonly objects: IcingaObjectsService,
  ) {}

  acknowledge(user: AuthUser, dto: AcknowledgeDto): Promise<CommandOutcomeDto> {
    const ref = refOf(dto);
    return this.run({
      user,
      where: dto,
      ref,
      columns: ['state'],
      precheck: (before) => {
        if (Number(before.state) === 0) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            `${describeRef(ref)} is ${ref.serviceDescription ? 'OK' : 'UP'}: there is no problem to acknowledge`,
          );
        }
      },
      command: ref.serviceDescription ? 'ACKNOWLEDGE_SVC_PROBLEM' : 'ACKNOWLEDGE_HOST_PROBLEM',
      args: {
        ...objectArgs(ref),
        sticky: dto.sticky ?? false,
        notify: dto.notify ?? false,
        persistent: dto.persistent ?? false,
        author: dto.author ?? user.name,
        comment: dto.comment,
      },
      effect: this.columnBecomes(ref, 'acknowledged', 1),
      what: 'the acknowledgement',
    });
  }

  removeAcknowledgement(
    user: AuthUser,
    dto: RemoveAcknowledgementQueryDto,
  ): Promise<CommandOutcomeDto> {
    const ref = refOf(dto);
    return this.run({
      user,
      where: dto,
      ref,
      command: ref.serviceDescription
        ? 'REMOVE_SVC_ACKNOWLEDGEMENT'
        : 'REMOVE_HOST_ACKNOWLEDGEMENT',
      args: objectArgs(ref),
      effect: this.columnBecomes(ref, 'acknowledged', 0),
      what: 'the removal of the acknowledgement',
    });
  }

  checkResult(user: AuthUser, dto: CheckResultDto): Promise<CommandOutcomeDto> {
    const ref = refOf(dto);
    if (!ref.serviceDescription && dto.exitStatus > 1) {
      throw new ValidationProblemException([
        { field: 'exitStatus', message: 'a host result must be 0 (UP) or 1 (DOWN)' },
      ]);
    }
    return this.run({
      user,
      where: dto,
      ref,
      command: ref.serviceDescription
        ? 'PROCESS_SERVICE_CHECK_RESULT'
        : 'PROCESS_HOST_CHECK_RESULT',
      args: ref.serviceDescription
        ? { ...objectArgs(ref), returnCode: dto.exitStatus, output: dto.output }
        : { ...objectArgs(ref), status: dto.exitStatus, output: dto.output },
      effect: async (site, submitted) => {
        const row = await this.objects.object(site, ref, ['last_check', 'state']);
        const applied = Number(row.last_check) >= submitted && Number(row.state) === dto.exitStatus;
        return applied ? true : undefined;
      },
      what: 'the check result',
    });
  }

  reschedule(user: AuthUser, dto: RescheduleDto): Promise<CommandOutcomeDto> {
    const ref = refOf(dto);
    return this.run({
      user,
      where: dto,
      ref,
      command: ref.serviceDescription ? 'SCHEDULE_FORCED_SVC_CHECK' : 'SCHEDULE_FORCED_HOST_CHECK',
      args: { ...objectArgs(ref), checkTime: Math.floor(Date.now() / 1000) },
      effect: async (site, submitted) => {
        const row = await this.objects.object(site, ref, ['last_check']);
        return Number(row.last_check) >= submitted ? true : undefined;
      },
      what: 'the check',
    });
  }

  notifications(
    user: AuthUser,
    dto: NotificationsDto,
    enable: boolean,
  ): Promise<CommandOutcomeDto> {
    const verb = enable ? 'ENABLE' : 'DISABLE';
    const want = enable ? 1 : 0;
    if (dto.hostName === undefined) {
      if (dto.serviceDescription !== undefined) {
        throw new ValidationProblemException([
          { field: 'serviceDescription', message: 'needs hostName' },
        ]);
      }
      return this.run({
        user,
        where: dto,
        command: `${verb}_NOTIFICATIONS`,
        args: {},
        effect: async (site) => {
          const [row] = await this.objects.rows(site, 'status', ['enable_notifications'], []);
          return Number(row?.enable_notifications) === want ? true : undefined;
        },
        what: 'the notification switch',
      });
    }
    const ref = refOf({ hostName: dto.hostName, serviceDescription: dto.serviceDescription });
    return this.run({
      user,
      where: dto,
      ref,
      command: ref.serviceDescription ? `${verb}_SVC_NOTIFICATIONS` : `${verb}_HOST_NOTIFICATIONS`,
      args: objectArgs(ref),
      effect: this.columnBecomes(ref, 'notifications_enabled', want),
      what: 'the notification switch',
    });
  }

  async comment(user: AuthUser, dto: CreateCommentDto): Promise<CommentCreatedDto> {
    const ref = refOf(dto);
    const author = dto.author ?? user.name;
    let commentId: number | undefined;
    const outcome = await this.run({
      user,
      where: dto,
      ref,
      command: ref.serviceDescription ? 'ADD_SVC_COMMENT' : 'ADD_HOST_COMMENT',
      args: {
        ...objectArgs(ref),
        persistent: dto.persistent ?? true,
        author,
        comment: dto.comment,
      },
      effect: async (site, submitted) => {
        const filters = [
          `host_name = ${ref.hostName}`,
          `author = ${author}`,
          `entry_time >= ${submitted - 1}`,
          ref.serviceDescription
            ? `service_description = ${ref.serviceDescription}`
            : 'is_service = 0',
        ];
        const rows = await this.objects.rows(site, 'comments', ['id', 'comment'], filters);
        const mine = rows.filter((r) => r.comment === dto.comment).map((r) => Number(r.id));
        if (mine.length === 0) return undefined;
        commentId = Math.max(...mine);
        return true;
      },
      what: 'the comment',
    });
    return { ...outcome, commentId };
  }

  private async run<T>(op: Operation<T>): Promise<CommandOutcomeDto> {
    const target = this.commands.target(op.where.site, op.where.transport);
    const now = new Date();
    const line = this.commands.build(target, op.command, op.args, FIELDS, now);
    if (op.ref) {
      const before = await this.objects.object(target.site, op.ref, op.columns ?? ['state']);
      op.precheck?.(before);
    }
    const sent = await this.commands.send(op.user, target, line, now);
    const submitted = Math.floor(now.getTime() / 1000);
    const seen = await this.objects.waitFor(() => op.effect(target.site, submitted));
    return seen === undefined
      ? {
          commands: [sent],
          confirmed: false,
          warning: `${op.what} was sent but its effect did not show on site ${target.site} within ${POLL_TIMEOUT_MS / 1000} s`,
        }
      : { commands: [sent], confirmed: true };
  }

  /** An effect probe: the object's `column` has the value `want`. */
  private columnBecomes(ref: ObjectRef, column: string, want: number) {
    return async (site: string): Promise<true | undefined> => {
      const row = await this.objects.object(site, ref, [column]);
      return Number(row[column]) === want ? true : undefined;
    };
  }
}

function refOf(dto: { hostName: string; serviceDescription?: string }): ObjectRef {
  return { hostName: dto.hostName, serviceDescription: dto.serviceDescription };
}

function objectArgs(ref: ObjectRef): Record<string, string> {
  return ref.serviceDescription
    ? { host: ref.hostName, service: ref.serviceDescription }
    : { host: ref.hostName };
}

function describeRef(ref: ObjectRef): string {
  return ref.serviceDescription
    ? `service ${ref.serviceDescription} of host ${ref.hostName}`
    : `host ${ref.hostName}`;
}
