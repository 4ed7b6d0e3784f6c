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
import type { CreateNotifierDto } from './dto/create-notifier.dto';
import type { ImportNotifierStatisticsDto } from './dto/import-notifier-statistics.dto';
import type { ListNotifiersQueryDto } from './dto/list-notifiers-query.dto';
import type { NotifierDto, NotifierListDto } from './dto/notifier.dto';
import type { UpdateNotifierDto } from './dto/update-notifier.dto';
import { NotifierChangedEvent, type NotifierEventName, NotifierEvents } from './notifier-events';
import {
  smtpColumnsFor,
  type SmtpForDelivery,
  smtpForDelivery,
  type SmtpPasswordCrypto,
  smtpView,
} from './notifier-smtp';
import {
  type WebhookCrypto,
  webhookColumnsFor,
  type WebhookForDelivery,
  webhookForDelivery,
  webhookView,
} from './notifier-webhook';
import { NotifierEntity, type NotifierType } from './notifier.entity';

/** A notifier as the notification sender needs it: enabled, with its secrets decrypted. */
export interface NotifierForDelivery {
  id: number;
  name: string;
  type: NotifierType;
  address: string[];
  smtp: SmtpForDelivery | null;
  webhook: WebhookForDelivery | null;
}

/**
 * The recipients of the new definition: required for SMTP (given, or stored), none for a
 * webhook; settings of the other type are problems for `errors`.
 */
function addressFor(
  type: NotifierType,
  dto: Pick<CreateNotifierDto, 'address' | 'smtp' | 'webhook'>,
  stored: string[],
  errors: FieldErrorDto[],
): string[] {
  if (type !== 'SMTP' && dto.smtp !== undefined) {
    errors.push({ field: 'smtp', message: 'smtp is only for type SMTP' });
  }
  if (type !== 'WEBHOOK' && dto.webhook !== undefined) {
    errors.push({ field: 'webhook', message: 'webhook is only for type WEBHOOK' });
  }
  if (type !== 'SMTP') {
    if (dto.address !== undefined) {
      errors.push({ field: 'address', message: 'address is only for type SMTP' });
    }
    return [];
  }
  const address = dto.address ?? stored;
  if (address.length === 0) {
    errors.push({ field: 'address', message: 'address is required when type is SMTP' });
  }
  return address;
}

/** Tells which targets (by name) still send to a notifier; registered by the Targets module. */
export type NotifierReferenceCheck = (notifierId: number) => Promise<string[]>;

/**
 * Notifier definitions (CRUD); passwords, webhook URLs and webhook header values are encrypted
 * at rest and never answered.
 */
@Injectable()
export class NotifiersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Notifiers');
  private readonly referenceChecks: NotifierReferenceCheck[] = [];

  private readonly records: NamedRecords<NotifierEntity>;

  /** How secrets are written: encrypted, kept ones again with the current key. */
  private readonly secretCrypto: SmtpPasswordCrypto & WebhookCrypto = {
    encrypt: (plain) => this.box.encrypt(plain),
    keep: (stored) => reencryptOrKeep(this.box, stored),
  };

  constructor(
    @InjectRepository(NotifierEntity) private readonly notifiers: Repository<NotifierEntity>,
    private readonly box: SecretBox,
    private readonly events: EventEmitter2,
  ) {
    this.records = new NamedRecords(this.notifiers, 'notifier');
  }

  /**
   * Checks at start that every stored secret (SMTP password, webhook URL and headers) can be
   * decrypted (a warning names those that cannot), and during a key rotation writes them again
   * with the current key.
   */
  async onApplicationBootstrap(): Promise<void> {
    const columns = [
      ['smtpPassword', 'SMTP password'],
      ['webhookUrl', 'webhook URL'],
      ['webhookHeaders', 'webhook header'],
    ] as const;
    for (const [column, secret] of columns) {
      await reencryptColumnAtStart(this.notifiers, column, this.box, this.logger, {
        secret,
        owner: 'notifier',
      });
    }
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
    const address = addressFor(type, dto, [], errors);
    const smtp = smtpColumnsFor(type, dto.smtp, null, this.secretCrypto, errors);
    const webhook = webhookColumnsFor(type, dto.webhook, null, this.secretCrypto, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    await this.records.assertNameFree(dto.name);
    return this.notifiers.create({
      name: dto.name,
      type,
      address,
      ...smtp,
      ...webhook,
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
    const address = addressFor(type, dto, entity.type === 'SMTP' ? entity.address : [], errors);
    const smtp = smtpColumnsFor(type, dto.smtp, entity, this.secretCrypto, errors);
    const webhook = webhookColumnsFor(type, dto.webhook, entity, this.secretCrypto, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    if (dto.name !== undefined && dto.name !== entity.name)
      await this.records.assertNameFree(dto.name, id);
    Object.assign(entity, smtp, webhook, {
      name: dto.name ?? entity.name,
      type,
      address,
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
   * `ids` is empty. A notifier whose secrets cannot be decrypted is left out, with a warning.
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

  /** Whether a notifier is enabled, disabled, or deleted. */
  async availability(id: number): Promise<'enabled' | 'disabled' | 'deleted'> {
    const n = await this.notifiers.findOne({ select: ['id', 'enabled'], where: { id } });
    if (!n) return 'deleted';
    return n.enabled ? 'enabled' : 'disabled';
  }

  /**
   * One notifier, enabled or not, with its secrets decrypted (for a test notification); 404
   * when it does not exist, 409 when its secrets cannot be decrypted.
   */
  async forTest(id: number): Promise<NotifierForDelivery> {
    const n = await this.records.find(id);
    try {
      return this.forDeliveryOf(n);
    } catch (err) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `the ${n.type === 'SMTP' ? 'SMTP password' : 'webhook URL or headers'} of notifier ${id} cannot be decrypted: ${(err as Error).message}`,
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
    return {
      id: n.id,
      name: n.name,
      type: n.type,
      address: n.address,
      smtp: smtpForDelivery(n, (stored) => this.box.decrypt(stored)),
      webhook: webhookForDelivery(n, (stored) => this.box.decrypt(stored)),
    };
  }

  toDto(n: NotifierEntity): NotifierDto {
    const smtp = smtpView(n);
    const webhook = webhookView(n, (stored) => this.box.decrypt(stored));
    return {
      id: n.id,
      name: n.name,
      type: n.type,
      address: n.address,
      ...(smtp ? { smtp } : {}),
      ...(webhook ? { webhook } : {}),
      enabled: n.enabled,
      sentCount: n.sentCount,
      failedCount: n.failedCount,
      lastError: n.lastError,
      lastSentAt: n.lastSentAt,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
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
