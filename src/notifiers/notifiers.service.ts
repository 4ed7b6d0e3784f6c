import { HttpStatus, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { reencryptColumnAtStart, reencryptOrKeep } from '../common/crypto/rotate-secrets';
import { SecretBox } from '../common/crypto/secret-box';
import { applyNamedListQuery } from '../common/list-query';
import { emitSafely, NamedRecords } from '../common/named-records';
import { ProblemException, ValidationProblemException } from '../common/problem';
import type { FieldErrorDto } from '../common/problem.dto';
import type { CreateNotifierDto, SmtpSettingsDto } from './dto/create-notifier.dto';
import type { ImportNotifierStatisticsDto } from './dto/import-notifier-statistics.dto';
import type { ListNotifiersQueryDto } from './dto/list-notifiers-query.dto';
import type { NotifierDto, NotifierListDto } from './dto/notifier.dto';
import type { UpdateNotifierDto } from './dto/update-notifier.dto';
import { NotifierChangedEvent, type NotifierEventName, NotifierEvents } from './notifier-events';
import { NotifierEntity, type NotifierType, type SmtpSecurity } from './notifier.entity';

const DEFAULT_PORTS: Record<SmtpSecurity, number> = { none: 25, starttls: 587, tls: 465 };

const NO_SMTP = {
  smtpHost: null,
  smtpPort: null,
  smtpSecurity: null,
  smtpUsername: null,
  smtpPassword: null,
  smtpFrom: null,
} as const;

/** A notifier as the notification sender needs it: enabled, with its password decrypted. */
export interface NotifierForDelivery {
  id: number;
  name: string;
  type: NotifierType;
  address: string[];
  smtp: {
    host: string;
    port: number;
    security: SmtpSecurity;
    username: string | null;
    password: string | null;
    from: string;
  } | null;
}

/** Tells which targets (by name) still send to a notifier; registered by the Targets module. */
export type NotifierReferenceCheck = (notifierId: number) => Promise<string[]>;

type SmtpColumns = Pick<
  NotifierEntity,
  'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'smtpUsername' | 'smtpPassword' | 'smtpFrom'
>;

/** Notifier definitions (CRUD); passwords are encrypted at rest and never answered. */
@Injectable()
export class NotifiersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Notifiers');
  private readonly referenceChecks: NotifierReferenceCheck[] = [];

  private readonly records: NamedRecords<NotifierEntity>;

  constructor(
    @InjectRepository(NotifierEntity) private readonly notifiers: Repository<NotifierEntity>,
    private readonly box: SecretBox,
    private readonly events: EventEmitter2,
  ) {
    this.records = new NamedRecords(this.notifiers, 'notifier');
  }

  /**
   * Checks at start that every stored password can be decrypted (a warning names those that
   * cannot), and during a key rotation writes them again with the current key.
   */
  async onApplicationBootstrap(): Promise<void> {
    await reencryptColumnAtStart(this.notifiers, 'smtpPassword', this.box, this.logger, {
      secret: 'SMTP password',
      owner: 'notifier',
    });
  }

  registerReferenceCheck(check: NotifierReferenceCheck): void {
    this.referenceChecks.push(check);
  }

  async list(query: ListNotifiersQueryDto): Promise<NotifierListDto> {
    const qb = applyNamedListQuery(this.notifiers.createQueryBuilder('n'), 'n', query);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((n) => this.toDto(n)), total };
  }

  async get(id: number): Promise<NotifierDto> {
    return this.toDto(await this.records.find(id));
  }

  async create(dto: CreateNotifierDto): Promise<NotifierDto> {
    const saved = await this.records.save(await this.newEntity(dto));
    return this.publish(NotifierEvents.created, saved);
  }

  /** Every check create makes (400 and 409 problems alike), without creating anything. */
  async validateCreate(dto: CreateNotifierDto): Promise<void> {
    await this.newEntity(dto);
  }

  /** The entity a create request makes, unsaved; a problem when the request is refused. */
  private async newEntity(dto: CreateNotifierDto): Promise<NotifierEntity> {
    const type = dto.type ?? 'SMTP';
    const errors: FieldErrorDto[] = [];
    const smtp = this.smtpColumns(type, dto.smtp, null, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    await this.records.assertNameFree(dto.name);
    return this.notifiers.create({
      name: dto.name,
      type,
      address: dto.address,
      ...smtp,
      enabled: dto.enabled ?? true,
      sentCount: 0,
      failedCount: 0,
      lastError: null,
      lastSentAt: null,
    });
  }

  async update(id: number, dto: UpdateNotifierDto): Promise<NotifierDto> {
    const entity = await this.records.find(id);
    const type = dto.type ?? entity.type;
    const errors: FieldErrorDto[] = [];
    const smtp = this.smtpColumns(type, dto.smtp, entity, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    if (dto.name !== undefined && dto.name !== entity.name)
      await this.records.assertNameFree(dto.name, id);
    Object.assign(entity, smtp, {
      name: dto.name ?? entity.name,
      type,
      address: dto.address ?? entity.address,
      enabled: dto.enabled ?? entity.enabled,
    });
    const saved = await this.records.save(entity);
    return this.publish(NotifierEvents.updated, saved);
  }

  async setEnabled(id: number, enabled: boolean): Promise<NotifierDto> {
    const entity = await this.records.find(id);
    if (entity.enabled === enabled) return this.toDto(entity);
    entity.enabled = enabled;
    const saved = await this.notifiers.save(entity);
    return this.publish(enabled ? NotifierEvents.enabled : NotifierEvents.disabled, saved);
  }

  async remove(id: number): Promise<void> {
    await this.records.find(id);
    for (const check of this.referenceChecks) {
      const users = await check(id);
      if (users.length) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          `notifier ${id} is used by target(s) ${users.map((n) => `"${n}"`).join(', ')}: ` +
            'remove it from their notifierIds first, or disable it',
        );
      }
    }
    await this.notifiers.delete({ id });
    this.emit(NotifierEvents.deleted, new NotifierChangedEvent(id));
  }

  /** Those of `ids` that name no notifier. */
  async unknownIds(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const found = await this.notifiers.find({ select: ['id'], where: { id: In(ids) } });
    const known = new Set(found.map((n) => n.id));
    return ids.filter((id) => !known.has(id));
  }

  /**
   * The enabled notifiers a target sends to: those of `ids`, or every enabled notifier when
   * `ids` is empty. A notifier whose password cannot be decrypted is left out, with a warning.
   */
  async forDelivery(ids: number[]): Promise<NotifierForDelivery[]> {
    const where = ids.length ? { enabled: true, id: In(ids) } : { enabled: true };
    const rows = await this.notifiers.find({ where, order: { id: 'ASC' } });
    const result: NotifierForDelivery[] = [];
    for (const n of rows) {
      try {
        result.push(this.forDeliveryOf(n));
      } catch (err) {
        this.logger.warn(`Notifier ${n.id} ("${n.name}") is skipped: ${(err as Error).message}`);
      }
    }
    return result;
  }

  /**
   * One notifier, enabled or not, with its password decrypted (for a test mail); 404 when it
   * does not exist, 409 when its password cannot be decrypted.
   */
  async forTest(id: number): Promise<NotifierForDelivery> {
    const n = await this.records.find(id);
    try {
      return this.forDeliveryOf(n);
    } catch (err) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `the SMTP password of notifier ${id} cannot be decrypted: ${(err as Error).message}`,
      );
    }
  }

  /**
   * Sets the delivery counts another monitor kept, as if vigil had counted them, as long as vigil
   * has not sent or tried to send through the notifier (no `lastSentAt`, no `lastError`): 409
   * after that, so counts vigil made itself are never overwritten; 404 when it does not exist.
   */
  async importStatistics(id: number, dto: ImportNotifierStatisticsDto): Promise<void> {
    const { affected } = await this.notifiers
      .createQueryBuilder()
      .update(NotifierEntity)
      .set({ sentCount: dto.sentCount, failedCount: dto.failedCount })
      .where('id = :id AND last_sent_at IS NULL AND last_error IS NULL', { id })
      .execute();
    if (affected) return;
    await this.records.find(id);
    throw new ProblemException(
      HttpStatus.CONFLICT,
      `vigil has sent or tried to send through notifier ${id}: its counts are no longer taken over`,
    );
  }

  /**
   * Counts one delivery attempt of a notifier: a success moves `sentCount` and `lastSentAt`, a
   * failure `failedCount` and `lastError`. Nothing happens when the notifier is gone.
   */
  async recordDelivery(id: number, outcome: { sentAt: Date } | { error: string }): Promise<void> {
    const qb = this.notifiers.createQueryBuilder().update(NotifierEntity).where('id = :id', { id });
    if ('sentAt' in outcome) {
      await qb.set({ sentCount: () => 'sent_count + 1', lastSentAt: outcome.sentAt }).execute();
    } else {
      await qb
        .set({ failedCount: () => 'failed_count + 1', lastError: outcome.error.slice(0, 2000) })
        .execute();
    }
  }

  private forDeliveryOf(n: NotifierEntity): NotifierForDelivery {
    const password = n.smtpPassword ? this.box.decrypt(n.smtpPassword) : null;
    return {
      id: n.id,
      name: n.name,
      type: n.type,
      address: n.address,
      smtp:
        n.smtpHost && n.smtpPort && n.smtpSecurity && n.smtpFrom
          ? {
              host: n.smtpHost,
              port: n.smtpPort,
              security: n.smtpSecurity,
              username: n.smtpUsername,
              password,
              from: n.smtpFrom,
            }
          : null,
    };
  }

  toDto(n: NotifierEntity): NotifierDto {
    return {
      id: n.id,
      name: n.name,
      type: n.type,
      address: n.address,
      ...(n.smtpHost && n.smtpPort && n.smtpSecurity && n.smtpFrom
        ? {
            smtp: {
              host: n.smtpHost,
              port: n.smtpPort,
              security: n.smtpSecurity,
              ...(n.smtpUsername ? { username: n.smtpUsername } : {}),
              hasPassword: Boolean(n.smtpPassword),
              from: n.smtpFrom,
            },
          }
        : {}),
      enabled: n.enabled,
      sentCount: n.sentCount,
      failedCount: n.failedCount,
      lastError: n.lastError,
      lastSentAt: n.lastSentAt,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    };
  }

  /**
   * The smtp_* columns for the new definition. `input` replaces the stored settings as a whole,
   * except that a left-out password keeps the stored one while a username is given. Stored
   * passwords are written again with the current key.
   */
  private smtpColumns(
    type: NotifierType,
    input: SmtpSettingsDto | undefined,
    stored: NotifierEntity | null,
    errors: FieldErrorDto[],
  ): SmtpColumns {
    if (type !== 'SMTP') return { ...NO_SMTP };
    if (!input) {
      if (stored?.smtpHost) {
        return {
          smtpHost: stored.smtpHost,
          smtpPort: stored.smtpPort,
          smtpSecurity: stored.smtpSecurity,
          smtpUsername: stored.smtpUsername,
          smtpPassword: reencryptOrKeep(this.box, stored.smtpPassword),
          smtpFrom: stored.smtpFrom,
        };
      }
      errors.push({ field: 'smtp', message: 'smtp is required when type is SMTP' });
      return { ...NO_SMTP };
    }
    const security = input.security ?? 'starttls';
    const username = input.username ?? null;
    let password: string | null = null;
    if (input.password !== undefined) {
      if (!username) {
        errors.push({ field: 'smtp.username', message: 'username is required with a password' });
      }
      password = this.box.encrypt(input.password);
    } else if (username && stored?.smtpPassword) {
      password = reencryptOrKeep(this.box, stored.smtpPassword);
    } else if (username) {
      errors.push({ field: 'smtp.password', message: 'password is required with a username' });
    }
    return {
      smtpHost: input.host,
      smtpPort: input.port ?? DEFAULT_PORTS[security],
      smtpSecurity: security,
      smtpUsername: username,
      smtpPassword: password,
      smtpFrom: input.from,
    };
  }

  private publish(name: NotifierEventName, entity: NotifierEntity): NotifierDto {
    const dto = this.toDto(entity);
    this.emit(name, new NotifierChangedEvent(entity.id, dto));
    return dto;
  }

  private emit(name: NotifierEventName, event: NotifierChangedEvent): void {
    emitSafely(this.events, this.logger, name, event);
  }
}
