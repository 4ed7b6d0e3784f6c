import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box';
import { parseKeystoneUrl } from './keystone-url';
import { emitSafely, NamedRecords, reencryptOrKeep } from '../common/named-records';
import { ValidationProblemException } from '../common/problem';
import type { FieldErrorDto } from '../common/problem.dto';
import { containsPattern, isUniqueViolation, LIKE_ESCAPE } from '../common/query';
import { NotifiersService } from '../notifiers/notifiers.service';
import type { CreateTargetDto } from './dto/create-target.dto';
import type { ListTargetsQueryDto } from './dto/list-targets-query.dto';
import type { AnyAuthDto, TargetAuthViewDto } from './dto/target-auth.dto';
import type { TargetDto, TargetListDto } from './dto/target.dto';
import type { UpdateTargetDto } from './dto/update-target.dto';
import { TargetChangedEvent, type TargetEventName, TargetEvents } from './target-events';
import {
  type StateSortField,
  TARGET_STATE_READER,
  type TargetStateReader,
  type TargetStateView,
} from './target-state-reader';
import {
  type HeaderCrypto,
  headersToSend,
  headersView,
  secureStoredHeaders,
  type StoredHeaders,
  storeHeaders,
} from './target-headers';
import { type KeystoneVersion, TargetEntity } from './target.entity';

const MAX_TEXT_BYTES = 65535;
const DEFAULT_TIMEOUT_SECONDS = 10;
const DEFAULT_KEYSTONE_DOMAIN = 'Default';

/** Sort keys of the definition, by column; `status` and `lastProbeAt` are of the state. */
const SORT_COLUMNS = {
  name: 'name',
  id: 'id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

const STATE_SORTS = new Set<string>(['status', 'lastProbeAt'] satisfies StateSortField[]);

type AuthColumns = Pick<
  TargetEntity,
  | 'authType'
  | 'authUsername'
  | 'authPassword'
  | 'authUrl'
  | 'keystoneVersion'
  | 'projectName'
  | 'projectId'
  | 'tenantId'
  | 'tenantName'
  | 'userDomain'
  | 'projectDomain'
>;

const NO_AUTH: AuthColumns = {
  authType: 'NONE',
  authUsername: null,
  authPassword: null,
  authUrl: null,
  keystoneVersion: null,
  projectName: null,
  projectId: null,
  tenantId: null,
  tenantName: null,
  userDomain: null,
  projectDomain: null,
};

/** Entity fields that TargetForProbing leaves out or gives in another form. */
const NOT_FOR_PROBING = new Set<string>([
  ...Object.keys(NO_AUTH),
  'secretHeaders',
  'jsonEquals',
  'createdAt',
  'updatedAt',
]);

/** The definition fields checked together, on create and on the result of an update. */
type Definition = Pick<
  TargetEntity,
  | 'headers'
  | 'secretHeaders'
  | 'body'
  | 'frequencySeconds'
  | 'timeoutSeconds'
  | 'jsonPath'
  | 'jsonEquals'
  | 'maxResponseTimeMs'
>;

/** A target's auth settings with the password decrypted, shaped as the prober takes them. */
export type TargetAuthWithSecret =
  | { type: 'NONE' }
  | { type: 'BASIC'; username: string; password: string }
  | {
      type: 'OPENSTACK';
      authUrl: string;
      keystoneVersion: KeystoneVersion;
      username: string;
      password: string;
      projectName?: string;
      projectId?: string;
      tenantId?: string;
      tenantName?: string;
      userDomain?: string;
      projectDomain?: string;
    };

/**
 * A target as the probing engine needs it: the definition with the password decrypted, and
 * `headers` all the headers to send, secret ones decrypted.
 */
export interface TargetForProbing extends Omit<
  TargetEntity,
  keyof AuthColumns | 'secretHeaders' | 'jsonEquals' | 'createdAt' | 'updatedAt'
> {
  auth: TargetAuthWithSecret;
  /** The value expected at `jsonPath` (JSON null included); absent when `jsonPath` is null. */
  jsonEquals?: unknown;
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

  constructor(
    @InjectRepository(TargetEntity) private readonly targets: Repository<TargetEntity>,
    private readonly notifiers: NotifiersService,
    private readonly box: SecretBox,
    private readonly events: EventEmitter2,
    @Inject(TARGET_STATE_READER) private readonly states: TargetStateReader,
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
    await this.reencryptPasswordsAtStart();
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

  private async reencryptPasswordsAtStart(): Promise<void> {
    const rows = await this.targets.find({ select: ['id', 'authPassword'] });
    let rewritten = 0;
    const unreadable: number[] = [];
    for (const row of rows) {
      if (!row.authPassword || this.box.isCurrent(row.authPassword)) continue;
      try {
        const fresh = this.box.reencrypt(row.authPassword);
        await this.targets.update(
          { id: row.id, authPassword: row.authPassword },
          { authPassword: fresh },
        );
        rewritten++;
      } catch {
        unreadable.push(row.id);
      }
    }
    if (rewritten)
      this.logger.log(`Encrypted ${rewritten} target password(s) with the current key`);
    if (unreadable.length) {
      this.logger.warn(
        `The passwords of target(s) ${unreadable.join(', ')} cannot be decrypted with the configured keys`,
      );
    }
  }

  async list(query: ListTargetsQueryDto): Promise<TargetListDto> {
    const qb = this.targets.createQueryBuilder('t');
    const state = this.states.joinStates(qb, 't');
    if (query.status) qb.andWhere(`${state('status')} = :status`, { status: query.status });
    if (query.enabled !== undefined)
      qb.andWhere('t.enabled = :enabled', { enabled: query.enabled });
    if (query.q) {
      qb.andWhere(`LOWER(t.name) LIKE LOWER(:q) ESCAPE '${LIKE_ESCAPE}'`, {
        q: containsPattern(query.q),
      });
    }

    const sort = query.sort ?? 'name';
    const key = sort.replace(/^-/, '');
    const descending = sort.startsWith('-');
    const column = STATE_SORTS.has(key)
      ? state(key as StateSortField)
      : `t.${SORT_COLUMNS[key as keyof typeof SORT_COLUMNS]}`;
    qb.orderBy(column, descending ? 'DESC' : 'ASC');
    if (key !== 'id') qb.addOrderBy('t.id', 'ASC');
    // the state is one row per target: offset and limit apply to the joined rows as they are
    const [rows, total] = await qb.offset(query.offset).limit(query.limit).getManyAndCount();
    return { items: await this.toDtos(rows), total };
  }

  async get(id: number): Promise<TargetDto> {
    return this.toDto(await this.records.find(id));
  }

  /** Whether a target with this id exists. */
  async exists(id: number): Promise<boolean> {
    return this.targets.exists({ where: { id } });
  }

  /** Ids of the enabled targets: at most `limit`, in id order after `afterId`. */
  async enabledIds(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.targets.find({
      select: ['id'],
      where: { enabled: true, id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((t) => t.id);
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
    const frequencySeconds = dto.frequencySeconds ?? 60;
    const headers = storeHeaders(dto.headers ?? {}, null, this.headerCrypto);
    errors.push(...headers.problems);
    const definition: Definition = {
      ...headerColumns(headers.headers),
      body: dto.body ?? null,
      frequencySeconds,
      timeoutSeconds: dto.timeoutSeconds ?? Math.min(DEFAULT_TIMEOUT_SECONDS, frequencySeconds),
      jsonPath: dto.jsonPath ?? null,
      jsonEquals: dto.jsonEquals === undefined ? null : JSON.stringify(dto.jsonEquals),
      maxResponseTimeMs: dto.maxResponseTimeMs ?? null,
    };
    const auth = this.authColumns(dto.auth ?? { type: 'NONE' }, null, errors);
    this.checkDefinition(definition, dto, errors);
    const notifierIds = dto.notifierIds ?? [];
    await this.checkNotifierIds(notifierIds, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    await this.records.assertNameFree(dto.name);
    return this.targets.create({
      ...definition,
      ...auth,
      name: dto.name,
      url: dto.url,
      method: dto.method ?? 'GET',
      expectedStatus: dto.expectedStatus ?? 200,
      bodyContains: dto.bodyContains ?? null,
      bodyRegex: dto.bodyRegex ?? null,
      failureThreshold: dto.failureThreshold ?? 1,
      recoveryThreshold: dto.recoveryThreshold ?? 1,
      enabled: dto.enabled ?? true,
      freshConnection: dto.freshConnection ?? false,
      notifierIds,
    });
  }

  async update(id: number, dto: UpdateTargetDto): Promise<TargetDto> {
    const entity = await this.records.find(id);
    const errors: FieldErrorDto[] = [];
    const jsonPath = dto.jsonPath === undefined ? entity.jsonPath : dto.jsonPath;
    let jsonEquals =
      dto.jsonEquals === undefined ? entity.jsonEquals : JSON.stringify(dto.jsonEquals);
    if (dto.jsonPath === null && dto.jsonEquals === undefined) jsonEquals = null;
    const stored = storedHeadersOf(entity);
    let headers = secureStoredHeaders(stored, this.headerCrypto);
    if (dto.headers) {
      const given = storeHeaders(dto.headers, stored, this.headerCrypto);
      errors.push(...given.problems);
      headers = given.headers;
    }
    const definition: Definition = {
      ...headerColumns(headers),
      body: dto.body === undefined ? entity.body : dto.body,
      frequencySeconds: dto.frequencySeconds ?? entity.frequencySeconds,
      timeoutSeconds: dto.timeoutSeconds ?? entity.timeoutSeconds,
      jsonPath,
      jsonEquals,
      maxResponseTimeMs:
        dto.maxResponseTimeMs === undefined ? entity.maxResponseTimeMs : dto.maxResponseTimeMs,
    };
    const auth = dto.auth
      ? this.authColumns(dto.auth, entity, errors)
      : {
          ...this.storedAuth(entity),
          authPassword: reencryptOrKeep(this.box, entity.authPassword),
        };
    this.checkDefinition(definition, dto, errors);
    if (dto.notifierIds) await this.checkNotifierIds(dto.notifierIds, errors);
    if (errors.length) throw new ValidationProblemException(errors);
    if (dto.name !== undefined && dto.name !== entity.name)
      await this.records.assertNameFree(dto.name, id);
    const changes: Partial<TargetEntity> = {
      ...definition,
      ...auth,
      name: dto.name ?? entity.name,
      url: dto.url ?? entity.url,
      method: dto.method ?? entity.method,
      expectedStatus: dto.expectedStatus ?? entity.expectedStatus,
      bodyContains: dto.bodyContains === undefined ? entity.bodyContains : dto.bodyContains,
      bodyRegex: dto.bodyRegex === undefined ? entity.bodyRegex : dto.bodyRegex,
      failureThreshold: dto.failureThreshold ?? entity.failureThreshold,
      recoveryThreshold: dto.recoveryThreshold ?? entity.recoveryThreshold,
      enabled: dto.enabled ?? entity.enabled,
      freshConnection: dto.freshConnection ?? entity.freshConnection,
      notifierIds: dto.notifierIds ?? entity.notifierIds,
    };
    try {
      await this.targets.update({ id }, changes);
    } catch (err) {
      if (isUniqueViolation(err)) throw this.records.duplicate(changes.name ?? entity.name);
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
    return t && this.probingView(t);
  }

  /** Enabled targets with passwords decrypted: at most `limit`, in id order after `afterId`. */
  async enabledForProbing(afterId: number, limit: number): Promise<TargetForProbing[]> {
    const rows = await this.targets.find({
      where: { enabled: true, id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((t) => this.probingView(t));
  }

  async toDto(t: TargetEntity): Promise<TargetDto> {
    const [state] = await this.states.statesOf([t]);
    return this.dtoOf(t, state);
  }

  /** The answers for a page of targets, with their states read in one query. */
  private async toDtos(rows: TargetEntity[]): Promise<TargetDto[]> {
    const states = await this.states.statesOf(rows);
    return rows.map((t, i) => this.dtoOf(t, states[i]));
  }

  private dtoOf(t: TargetEntity, state: TargetStateView): TargetDto {
    return {
      id: t.id,
      name: t.name,
      url: t.url,
      method: t.method,
      headers: headersView(storedHeadersOf(t)),
      body: t.body,
      auth: this.authView(t),
      frequencySeconds: t.frequencySeconds,
      timeoutSeconds: t.timeoutSeconds,
      expectedStatus: t.expectedStatus,
      bodyContains: t.bodyContains,
      bodyRegex: t.bodyRegex,
      jsonPath: t.jsonPath,
      ...(t.jsonEquals === null ? {} : { jsonEquals: JSON.parse(t.jsonEquals) as unknown }),
      maxResponseTimeMs: t.maxResponseTimeMs,
      failureThreshold: t.failureThreshold,
      recoveryThreshold: t.recoveryThreshold,
      enabled: t.enabled,
      notifierIds: t.notifierIds,
      status: state.status,
      statusDescription: state.statusDescription,
      previousStatus: state.previousStatus,
      lastUpdated: state.lastUpdated,
      lastProbeAt: state.lastProbeAt,
      lastResponseTimeMs: state.lastResponseTimeMs,
      passCount: state.passCount,
      failCount: state.failCount,
      status2xxCount: state.status2xxCount,
      status3xxCount: state.status3xxCount,
      status4xxCount: state.status4xxCount,
      status5xxCount: state.status5xxCount,
      networkFailCount: state.networkFailCount,
      repeatedFailCount: state.repeatedFailCount,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  }

  private authView(t: TargetEntity): TargetAuthViewDto {
    const view: TargetAuthViewDto = { type: t.authType, hasPassword: Boolean(t.authPassword) };
    const optional = {
      username: t.authUsername,
      authUrl: t.authUrl,
      keystoneVersion: t.keystoneVersion,
      projectName: t.projectName,
      projectId: t.projectId,
      tenantId: t.tenantId,
      tenantName: t.tenantName,
      userDomain: t.userDomain,
      projectDomain: t.projectDomain,
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value !== null) Object.assign(view, { [key]: value });
    }
    return view;
  }

  /** Throws SecretBoxError when the stored password or a secret header cannot be decrypted. */
  private probingView(t: TargetEntity): TargetForProbing {
    const { jsonEquals } = t;
    const definition = Object.fromEntries(
      Object.entries(t).filter(([key]) => !NOT_FOR_PROBING.has(key)),
    ) as Omit<TargetForProbing, 'auth' | 'jsonEquals'>;
    definition.headers = headersToSend(storedHeadersOf(t), (value) => this.box.decrypt(value));
    // added to the object, not spread into a new one: the views of all targets keep one hidden
    // class (spreading an object this large can give each copy its own)
    const view: TargetForProbing = Object.assign(definition, { auth: this.authWithSecret(t) });
    if (t.jsonPath !== null && jsonEquals !== null) {
      view.jsonEquals = JSON.parse(jsonEquals) as unknown;
    }
    return view;
  }

  private authWithSecret(t: TargetEntity): TargetAuthWithSecret {
    const password = t.authPassword ? this.box.decrypt(t.authPassword) : '';
    if (t.authType === 'BASIC') {
      return { type: 'BASIC', username: t.authUsername ?? '', password };
    }
    if (t.authType === 'OPENSTACK') {
      const optional = {
        projectName: t.projectName,
        projectId: t.projectId,
        tenantId: t.tenantId,
        tenantName: t.tenantName,
        userDomain: t.userDomain,
        projectDomain: t.projectDomain,
      };
      const auth: TargetAuthWithSecret = {
        type: 'OPENSTACK',
        authUrl: t.authUrl ?? '',
        keystoneVersion: t.keystoneVersion ?? 'v3',
        username: t.authUsername ?? '',
        password,
      };
      // added, not spread: targets with the same settings share one hidden class
      return Object.assign(
        auth,
        Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)),
      );
    }
    return { type: 'NONE' };
  }

  private storedAuth(t: TargetEntity): Omit<AuthColumns, 'authPassword'> {
    return {
      authType: t.authType,
      authUsername: t.authUsername,
      authUrl: t.authUrl,
      keystoneVersion: t.keystoneVersion,
      projectName: t.projectName,
      projectId: t.projectId,
      tenantId: t.tenantId,
      tenantName: t.tenantName,
      userDomain: t.userDomain,
      projectDomain: t.projectDomain,
    };
  }

  /**
   * The auth_* columns for a new auth object, with the rules of its type. A left-out password
   * keeps the stored one while the type stays the same.
   */
  private authColumns(
    input: AnyAuthDto,
    stored: TargetEntity | null,
    errors: FieldErrorDto[],
  ): AuthColumns {
    if (input.type === 'NONE') return { ...NO_AUTH };
    let password: string | null = null;
    if (input.password !== undefined) password = this.box.encrypt(input.password);
    else if (stored?.authType === input.type && stored.authPassword) {
      password = reencryptOrKeep(this.box, stored.authPassword);
    } else {
      errors.push({
        field: 'auth.password',
        message: `password is required for auth type ${input.type}`,
      });
    }
    if (input.type === 'BASIC') {
      return {
        ...NO_AUTH,
        authType: 'BASIC',
        authUsername: input.username,
        authPassword: password,
      };
    }
    const named = parseKeystoneUrl(input.authUrl).version;
    const version = input.keystoneVersion ?? named ?? 'v3';
    if (named && version !== named) {
      errors.push({
        field: 'auth.keystoneVersion',
        message: `is ${version}, but authUrl names Keystone ${named}`,
      });
    }
    const forbid = (fields: (keyof typeof input)[], why: string) => {
      for (const field of fields) {
        if (input[field] !== undefined) errors.push({ field: `auth.${field}`, message: why });
      }
    };
    if (version === 'v3') {
      if (input.projectName === undefined && input.projectId === undefined) {
        errors.push({
          field: 'auth.projectName',
          message: 'Keystone v3 needs projectName or projectId',
        });
      }
      forbid(['tenantId', 'tenantName'], 'is for Keystone v2.0; use projectName or projectId');
    } else {
      if (input.tenantName === undefined && input.tenantId === undefined) {
        errors.push({
          field: 'auth.tenantName',
          message: 'Keystone v2.0 needs tenantName or tenantId',
        });
      }
      forbid(
        ['projectName', 'projectId', 'userDomain', 'projectDomain'],
        'is for Keystone v3; use tenantName or tenantId',
      );
    }
    const v3 = version === 'v3';
    return {
      authType: 'OPENSTACK',
      authUsername: input.username,
      authPassword: password,
      authUrl: input.authUrl,
      keystoneVersion: version,
      projectName: input.projectName ?? null,
      projectId: input.projectId ?? null,
      tenantId: input.tenantId ?? null,
      tenantName: input.tenantName ?? null,
      userDomain: v3 ? (input.userDomain ?? DEFAULT_KEYSTONE_DOMAIN) : null,
      projectDomain:
        v3 && input.projectName !== undefined
          ? (input.projectDomain ?? DEFAULT_KEYSTONE_DOMAIN)
          : (input.projectDomain ?? null),
    };
  }

  /** Rules over several fields; a problem names the field the request set, if it set one. */
  private checkDefinition(
    d: Definition,
    request: CreateTargetDto | UpdateTargetDto,
    errors: FieldErrorDto[],
  ): void {
    if (d.timeoutSeconds > d.frequencySeconds) {
      errors.push({
        field: request.timeoutSeconds === undefined ? 'frequencySeconds' : 'timeoutSeconds',
        message: `timeoutSeconds (${d.timeoutSeconds}) must not be greater than frequencySeconds (${d.frequencySeconds})`,
      });
    }
    if (d.maxResponseTimeMs !== null && d.maxResponseTimeMs > d.timeoutSeconds * 1000) {
      errors.push({
        field: request.maxResponseTimeMs === undefined ? 'timeoutSeconds' : 'maxResponseTimeMs',
        message: `maxResponseTimeMs (${d.maxResponseTimeMs}) must not be greater than the timeout (${d.timeoutSeconds * 1000} ms)`,
      });
    }
    if (d.jsonPath !== null && d.jsonEquals === null) {
      errors.push({ field: 'jsonEquals', message: 'jsonEquals is required with jsonPath' });
    }
    if (d.jsonPath === null && d.jsonEquals !== null) {
      errors.push({ field: 'jsonPath', message: 'jsonPath is required with jsonEquals' });
    }
    const tooLong: [string, string | null][] = [
      ['body', d.body],
      ['headers', JSON.stringify(d.headers)],
      ['headers', JSON.stringify(d.secretHeaders)],
      ['jsonEquals', d.jsonEquals],
    ];
    for (const [field, text] of tooLong) {
      if (text !== null && Buffer.byteLength(text) > MAX_TEXT_BYTES) {
        errors.push({
          field,
          message: `${field} must be at most ${MAX_TEXT_BYTES} bytes as UTF-8`,
        });
      }
    }
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

  private async publish(name: TargetEventName, entity: TargetEntity): Promise<TargetDto> {
    const dto = await this.toDto(entity);
    this.emit(name, new TargetChangedEvent(entity.id, dto));
    return dto;
  }

  private emit(name: TargetEventName, event: TargetChangedEvent): void {
    emitSafely(this.events, this.logger, name, event);
  }
}

/** A row's headers in their stored form. */
function storedHeadersOf(t: Pick<TargetEntity, 'headers' | 'secretHeaders'>): StoredHeaders {
  return { plain: t.headers, secret: t.secretHeaders ?? {} };
}

/** The header columns of stored headers: `secret_headers` null when there are none. */
function headerColumns(h: StoredHeaders): Pick<TargetEntity, 'headers' | 'secretHeaders'> {
  return { headers: h.plain, secretHeaders: Object.keys(h.secret).length ? h.secret : null };
}
