import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { reencryptColumnAtStart, reencryptOrKeep } from '../common/crypto/rotate-secrets';
import { SecretBox } from '../common/crypto/secret-box';
import { applyNamedListQuery } from '../common/list-query';
import { emitSafely, NamedRecords } from '../common/named-records';
import { ValidationProblemException } from '../common/problem';
import type { FieldErrorDto } from '../common/problem.dto';
import { isUniqueViolation } from '../common/query';
import { NotifiersService } from '../notifiers/notifiers.service';
import { SitesService } from '../sites/sites.service';
import type { CreateTargetDto } from './dto/create-target.dto';
import type { ListTargetsQueryDto } from './dto/list-targets-query.dto';
import type { TargetDto, TargetListDto } from './dto/target.dto';
import type { UpdateTargetDto } from './dto/update-target.dto';
import { authColumnsFor, keptAuthColumns, type PasswordCrypto } from './target-auth';
import { checkDefinition } from './target-definition';
import { TargetChangedEvent, type TargetEventName, TargetEvents } from './target-events';
import { type HeaderCrypto, secureStoredHeaders, storeHeaders } from './target-headers';
import { TARGET_STATE_READER, type TargetStateReader } from './target-state-reader';
import { ICINGA_ERROR_READER, type IcingaErrorReader } from './icinga-error-reader';
import { checkIcingaSite, icingaColumns } from './target-icinga';
import {
  headerColumns,
  jsonEqualsColumn,
  newTargetDefaults,
  requestColumns,
  storedHeadersOf,
  type TargetForProbing,
  toProbingView,
  toTargetDto,
} from './target.mapper';
import { TargetEntity } from './target.entity';

/** An enabled target linked to an Icinga object (TargetsService.bridged). */
export interface BridgedTarget {
  id: number;
  site: string;
  hostName: string;
  serviceDescription: string | null;
  /** When its definition last changed. */
  updatedAt: Date;
}

/** Target definitions (CRUD), answered with their state (TargetStateReader); publishes `target.*` events on every change. */
@Injectable()
export class TargetsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Targets');

  private readonly records: NamedRecords<TargetEntity>;

  /** How secret header values are written: encrypted, kept ones again with the current key. */
  private readonly headerCrypto: HeaderCrypto = {
    encrypt: (value) => this.box.encrypt(value),
    keep: (stored) => reencryptOrKeep(this.box, stored) ?? stored,
  };

  /** How the auth password is written and read. */
  private readonly passwordCrypto: PasswordCrypto = {
    ...this.headerCrypto,
    decrypt: (stored) => this.box.decrypt(stored),
  };

  constructor(
    @InjectRepository(TargetEntity) private readonly targets: Repository<TargetEntity>,
    private readonly notifiers: NotifiersService,
    private readonly box: SecretBox,
    private readonly events: EventEmitter2,
    @Inject(TARGET_STATE_READER) private readonly states: TargetStateReader,
    private readonly sites: SitesService,
    @Optional()
    @Inject(ICINGA_ERROR_READER)
    private readonly icingaErrors: IcingaErrorReader | null = null,
  ) {
    this.records = new NamedRecords(this.targets, 'target');
  }

  onModuleInit(): void {
    this.notifiers.registerReferenceCheck((id) => this.namesUsingNotifier(id));
  }

  /**
   * Checks at start that every stored password can be decrypted (a warning names those that
   * cannot), and during a key rotation writes them again with the current key; then secures the
   * stored headers (see secureHeadersAtStart).
   */
  async onApplicationBootstrap(): Promise<void> {
    await reencryptColumnAtStart(this.targets, 'authPassword', this.box, this.logger, {
      secret: 'target password',
      owner: 'target',
    });
    await this.secureHeadersAtStart();
  }

  /**
   * Encrypts the always-secret headers (Authorization, Cookie, …) that a version before secret
   * headers stored in plain, and during a key rotation writes secret header values again with the
   * current key. A row changed meanwhile (by another instance) is left to that change.
   */
  private async secureHeadersAtStart(): Promise<void> {
    const rows = await this.targets.find({ select: ['id', 'headers', 'secretHeaders'] });
    let rewritten = 0;
    for (const row of rows) {
      const stored = storedHeadersOf(row);
      const secured = secureStoredHeaders(stored, this.headerCrypto);
      const before = [JSON.stringify(row.headers), JSON.stringify(stored.secret)];
      if (
        JSON.stringify(secured.plain) === before[0] &&
        JSON.stringify(secured.secret) === before[1]
      ) {
        continue;
      }
      const result = await this.targets
        .createQueryBuilder()
        .update(TargetEntity)
        .set(headerColumns(secured))
        .where('id = :id', { id: row.id })
        .andWhere('headers = :headers', { headers: before[0] })
        .andWhere(
          row.secretHeaders === null ? 'secret_headers IS NULL' : 'secret_headers = :secret',
          { secret: JSON.stringify(row.secretHeaders) },
        )
        .execute();
      rewritten += result.affected ?? 0;
    }
    if (rewritten) this.logger.log(`Secured the secret headers of ${rewritten} target(s)`);
    const unreadable = rows
      .filter((row) => {
        try {
          Object.values(row.secretHeaders ?? {}).forEach((v) => this.box.decrypt(v));
          return false;
        } catch {
          return true;
        }
      })
      .map((row) => row.id);
    if (unreadable.length) {
      this.logger.warn(
        `The secret headers of target(s) ${unreadable.join(', ')} cannot be decrypted with the configured keys`,
      );
    }
  }

  async list(query: ListTargetsQueryDto): Promise<TargetListDto> {
    const qb = this.targets.createQueryBuilder('t');
    const state = this.states.joinStates(qb, 't');
    if (query.status) qb.andWhere(`${state('status')} = :status`, { status: query.status });
    const [rows, total] = await applyNamedListQuery(qb, 't', query, {
      status: state('status'),
      lastProbeAt: state('lastProbeAt'),
      createdAt: 't.created_at',
      updatedAt: 't.updated_at',
    }).getManyAndCount();
    const states = await this.states.statesOf(rows);
    const errors = await this.icingaErrorsOf(rows);
    return {
      items: rows.map((t, i) => toTargetDto(t, states[i], errors.get(t.id) ?? null)),
      total,
    };
  }

  async get(id: number): Promise<TargetDto> {
    return this.toDto(await this.records.find(id));
  }

  /** Whether a target with this id exists. */
  async exists(id: number): Promise<boolean> {
    return this.targets.exists({ where: { id } });
  }

  async create(dto: CreateTargetDto): Promise<TargetDto> {
    const saved = await this.records.save(await this.newEntity(dto));
    return this.publish(TargetEvents.created, saved);
  }

  /** Every check create makes (400 and 409 problems alike), without creating anything. */
  async validateCreate(dto: CreateTargetDto): Promise<void> {
    await this.newEntity(dto);
  }

  /** The entity a create request makes, unsaved; a problem when the request is refused. */
  private async newEntity(dto: CreateTargetDto): Promise<TargetEntity> {
    const errors: FieldErrorDto[] = [];
    const headers = storeHeaders(dto.headers ?? {}, null, this.headerCrypto);
    errors.push(...headers.problems);
    const definition = {
      ...requestColumns(newTargetDefaults(dto), dto),
      ...headerColumns(headers.headers),
      jsonEquals: jsonEqualsColumn(null, dto),
      ...icingaColumns(null, dto),
    };
    const auth = authColumnsFor(dto.auth ?? { type: 'NONE' }, null, this.passwordCrypto, errors);
    checkDefinition(definition, dto, errors);
    checkIcingaSite(dto, this.sites, errors);
    await this.checkNotifierIds(definition.notifierIds, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    await this.records.assertNameFree(dto.name);
    return this.targets.create({ ...definition, ...auth });
  }

  async update(id: number, dto: UpdateTargetDto): Promise<TargetDto> {
    const entity = await this.records.find(id);
    const errors: FieldErrorDto[] = [];
    const stored = storedHeadersOf(entity);
    let headers = secureStoredHeaders(stored, this.headerCrypto);
    if (dto.headers) {
      const given = storeHeaders(dto.headers, stored, this.headerCrypto);
      errors.push(...given.problems);
      headers = given.headers;
    }
    // Only the definition is written: the state columns belong to the probing engine, which may
    // have recorded a probe since this entity was read.
    const definition = {
      ...requestColumns(entity, dto),
      ...headerColumns(headers),
      jsonEquals: jsonEqualsColumn(entity.jsonEquals, dto),
      ...icingaColumns(entity, dto),
    };
    const auth = dto.auth
      ? authColumnsFor(dto.auth, entity, this.passwordCrypto, errors)
      : keptAuthColumns(entity, this.passwordCrypto);
    checkDefinition(definition, dto, errors);
    checkIcingaSite(dto, this.sites, errors);
    if (dto.notifierIds) await this.checkNotifierIds(dto.notifierIds, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    if (dto.name !== undefined && dto.name !== entity.name)
      await this.records.assertNameFree(dto.name, id);
    try {
      await this.targets.update({ id }, { ...definition, ...auth });
    } catch (err) {
      if (isUniqueViolation(err)) throw this.records.duplicate(definition.name);
      throw err;
    }
    return this.publish(TargetEvents.updated, await this.records.find(id));
  }

  async setEnabled(id: number, enabled: boolean): Promise<TargetDto> {
    const entity = await this.records.find(id);
    if (entity.enabled === enabled) return this.toDto(entity);
    await this.targets.update({ id }, { enabled });
    return this.publish(
      enabled ? TargetEvents.enabled : TargetEvents.disabled,
      await this.records.find(id),
    );
  }

  async remove(id: number): Promise<void> {
    await this.records.find(id);
    await this.targets.delete({ id });
    this.emit(TargetEvents.deleted, new TargetChangedEvent(id));
  }

  /** A target's definition with its password decrypted, or null when there is no such target. */
  async forProbing(id: number): Promise<TargetForProbing | null> {
    const t = await this.targets.findOne({ where: { id } });
    return t && toProbingView(t, this.passwordCrypto.decrypt);
  }

  /**
   * Enabled targets among `ids` with passwords decrypted; one whose password cannot be
   * decrypted is left out and named in `failed`.
   */
  async enabledForProbingByIds(
    ids: readonly number[],
  ): Promise<{ defs: TargetForProbing[]; failed: { id: number; error: Error }[] }> {
    const defs: TargetForProbing[] = [];
    const failed: { id: number; error: Error }[] = [];
    if (!ids.length) return { defs, failed };
    const rows = await this.targets.find({ where: { id: In([...ids]), enabled: true } });
    for (const t of rows) {
      try {
        defs.push(toProbingView(t, this.passwordCrypto.decrypt));
      } catch (error) {
        failed.push({ id: t.id, error: error as Error });
      }
    }
    return { defs, failed };
  }

  /**
   * The targets grouped by `id % modulus`, for the groups named (every group when null): per
   * group, its count of rows and latest `updated_at` in one text, which changes with any row
   * inserted, updated or deleted (in SQL too: `updated_at` follows every update of a row).
   */
  async groupDigests(
    modulus: number,
    groups: readonly number[] | null,
  ): Promise<Map<number, string>> {
    const digests = new Map<number, string>();
    if (groups?.length === 0) return digests;
    const group = `t.id % ${Math.floor(modulus)}`;
    const qb = this.targets
      .createQueryBuilder('t')
      .select(group, 'grp')
      .addSelect('COUNT(*)', 'n')
      .addSelect(this.asText('MAX(t.updated_at)'), 'last')
      .groupBy(group);
    if (groups) qb.where(`${group} IN (:...groups)`, { groups });
    const rows = await qb.getRawMany<{ grp: number | string; n: number | string; last: string }>();
    for (const r of rows) digests.set(Number(r.grp), `${Number(r.n)} ${r.last}`);
    return digests;
  }

  /** Id, enabled and `updated_at` (as text) of every target in the groups of `id % modulus`. */
  async groupRows(
    modulus: number,
    groups: readonly number[],
  ): Promise<{ id: number; enabled: boolean; updatedAt: string }[]> {
    if (!groups.length) return [];
    const group = `t.id % ${Math.floor(modulus)}`;
    const rows = await this.targets
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .addSelect('t.enabled', 'enabled')
      .addSelect(this.asText('t.updated_at'), 'updatedAt')
      .where(`${group} IN (:...groups)`, { groups: [...groups] })
      .getRawMany<{ id: number | string; enabled: number | string | boolean; updatedAt: string }>();
    return rows.map((r) => ({
      id: Number(r.id),
      enabled: r.enabled === true || Number(r.enabled) === 1,
      updatedAt: String(r.updatedAt),
    }));
  }

  /** A datetime expression as text, to the microsecond MySQL keeps. */
  private asText(expression: string): string {
    return this.targets.manager.connection.options.type === 'mysql'
      ? `CAST(${expression} AS CHAR)`
      : expression;
  }

  private async checkNotifierIds(ids: number[], errors: FieldErrorDto[]): Promise<void> {
    const unknown = await this.notifiers.unknownIds(ids);
    if (unknown.length) {
      errors.push({
        field: 'notifierIds',
        message: `no notifier has the id(s) ${unknown.join(', ')}`,
      });
    }
  }

  private async namesUsingNotifier(notifierId: number): Promise<string[]> {
    const rows = await this.targets.find({
      select: ['id', 'name', 'notifierIds'],
      order: { name: 'ASC' },
    });
    return rows.filter((t) => t.notifierIds.includes(notifierId)).map((t) => t.name);
  }

  private async toDto(t: TargetEntity): Promise<TargetDto> {
    const [state] = await this.states.statesOf([t]);
    const errors = await this.icingaErrorsOf([t]);
    return toTargetDto(t, state, errors.get(t.id) ?? null);
  }

  /** The errors of the last submissions to Icinga of those of these targets that are bridged. */
  private async icingaErrorsOf(rows: TargetEntity[]): Promise<Map<number, string>> {
    const bridged = rows.filter((t) => t.icingaSite !== null).map((t) => t.id);
    if (!this.icingaErrors || !bridged.length) return new Map();
    return this.icingaErrors.errorsOf(bridged);
  }

  /**
   * The enabled targets linked to an Icinga object, among `ids` (all of them when absent):
   * their ids, links and when their definition last changed.
   */
  async bridged(ids?: readonly number[]): Promise<BridgedTarget[]> {
    if (ids?.length === 0) return [];
    const qb = this.targets
      .createQueryBuilder('t')
      .select(['t.id', 't.icingaSite', 't.icingaHost', 't.icingaService', 't.updatedAt'])
      .where('t.icinga_site IS NOT NULL')
      .andWhere('t.enabled = :enabled', { enabled: true });
    if (ids) qb.andWhere('t.id IN (:...ids)', { ids: [...ids] });
    const rows = await qb.getMany();
    return rows.map((t) => ({
      id: t.id,
      site: t.icingaSite!,
      hostName: t.icingaHost!,
      serviceDescription: t.icingaService,
      updatedAt: t.updatedAt,
    }));
  }

  private async publish(name: TargetEventName, entity: TargetEntity): Promise<TargetDto> {
    const dto = await this.toDto(entity);
    this.emit(name, new TargetChangedEvent(entity.id, dto));
    return dto;
  }

  private emit(name: TargetEventName, event: TargetChangedEvent): void {
    emitSafely(this.events, this.logger, name, event);
  }
}
