import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { AppConfig } from '../app.config';
import { type Role } from './roles';
import { CredentialCache } from './credential-cache';
import type { UserListDto } from './dto/user.dto';
import type { LoginAttempt } from './login-throttle';
import { PasswordChecker } from './password-checker';
import {
  initialPasswordFile,
  readInitialPassword,
  removeInitialPassword,
  writeInitialPassword,
} from './initial-password';
import type { AuthUser } from './roles';
import { UserEntity } from './user.entity';

export { BCRYPT_ROUNDS } from './password-checker';
const FIRST_ADMIN = 'admin';

/**
 * Users and password checks. Users configured through VIGIL_USERS / VIGIL_USERS_FILE are the
 * whole list when present; otherwise users stored in the database apply, and on first start
 * an `admin` with a random password is created there.
 */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  private readonly cache: CredentialCache<AuthUser>;
  /** Checks in flight, by credential key: the same credentials arriving meanwhile wait for it. */
  private readonly checking = new Map<string, Promise<AuthUser | null>>();
  /** Bumped on every change of users: a check begun before it is not cached. */
  private generation = 0;

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordChecker,
  ) {
    this.cache = new CredentialCache<AuthUser>(config.auth.cacheSeconds * 1000);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.ensureFirstAdmin())) await this.dropStaleInitialPassword();
  }

  /**
   * Creates the first admin when no user is configured or stored: prints its password once
   * (in text format) and keeps it in `<data dir>/initial-admin-password`. True when created.
   */
  async ensureFirstAdmin(): Promise<boolean> {
    if (this.config.auth.users.length > 0) return false;
    if ((await this.users.count()) > 0) return false;
    const password = randomBytes(18).toString('base64url');
    try {
      await this.users.insert({
        name: FIRST_ADMIN,
        passwordHash: await this.passwords.hash(password),
        role: 'admin',
      });
    } catch (err) {
      if (err instanceof QueryFailedError) return false; // another instance created it first
      throw err;
    }
    this.usersChanged();
    const file = writeInitialPassword(this.config.dataDir, password);
    this.logger.warn(
      `No user was configured or stored: created user "${FIRST_ADMIN}" (role admin), ` +
        `its password is in ${file} until it is changed`,
    );
    // a JSON log stays JSON, and a password never enters a log line: there, the file is the way
    if (this.config.logging.format === 'text') {
      process.stdout.write(
        `  vigil: the password of user "${FIRST_ADMIN}" is: ${password}  ` +
          '(shown only this once; only its bcrypt hash is stored)\n',
      );
    }
    return true;
  }

  /**
   * Removes the initial password file once it no longer opens the door it was written for:
   * an admin is configured (VIGIL_USERS / VIGIL_USERS_FILE), or the stored admin's password
   * is not that one any more (changed, perhaps by another instance).
   */
  private async dropStaleInitialPassword(): Promise<void> {
    const kept = readInitialPassword(this.config.dataDir);
    if (kept === null) return;
    let reason: string | null = null;
    if (this.config.auth.users.some((u) => u.role === 'admin')) reason = 'an admin is configured';
    else {
      const admin = await this.users.findOne({
        where: { name: FIRST_ADMIN },
        select: ['passwordHash'],
      });
      if (!admin || !(await this.passwords.check(kept, admin.passwordHash))) {
        reason = `the password of user "${FIRST_ADMIN}" has changed`;
      }
    }
    if (reason) this.forgetInitialPassword(reason);
  }

  private forgetInitialPassword(reason: string): void {
    if (removeInitialPassword(this.config.dataDir)) {
      this.logger.log(`Removed ${initialPasswordFile(this.config.dataDir)}: ${reason}`);
    }
  }

  private async findUser(name: string): Promise<{ passwordHash: string; role: Role } | null> {
    if (this.config.auth.users.length > 0) {
      return this.config.auth.users.find((u) => u.name === name) ?? null;
    }
    return this.users.findOne({ where: { name }, select: ['passwordHash', 'role'] });
  }

  /**
   * Checks a name and password. A recently verified pair is answered from the cache; the same
   * pair already being checked shares that check. Otherwise `admit` is asked for a slot first
   * (it throws when the throttle refuses), then bcrypt runs: against the user's hash, or against
   * the dummy for an unknown name, at the same cost. A pair that a shared check found wrong is a
   * failed attempt of its own (with a slot of its own), without bcrypt.
   */
  async verify(
    name: string,
    password: string,
    admit: () => LoginAttempt,
  ): Promise<AuthUser | null> {
    const key = this.cache.key(name, password);
    const cached = this.cache.getByKey(key);
    if (cached) return cached;
    const shared = this.checking.get(key);
    if (shared) {
      const user = await shared;
      if (!user) admit().failed();
      return user;
    }
    const attempt = admit();
    const generation = this.generation;
    const check = this.check(name, password);
    this.checking.set(key, check);
    try {
      const user = await check;
      if (user) {
        if (generation === this.generation) this.cache.setByKey(key, user);
        attempt.release();
      } else attempt.failed();
      return user;
    } catch (err) {
      attempt.release();
      throw err;
    } finally {
      this.checking.delete(key);
    }
  }

  private async check(name: string, password: string): Promise<AuthUser | null> {
    const user = await this.findUser(name);
    const matches = await this.passwords.check(password, user?.passwordHash ?? null);
    return user && matches ? { name, role: user.role } : null;
  }

  /** The users who may sign in, sorted by name. */
  async list(limit: number, offset: number): Promise<UserListDto> {
    if (this.config.auth.users.length > 0) {
      const all = [...this.config.auth.users].sort((a, b) => a.name.localeCompare(b.name));
      return {
        items: all
          .slice(offset, offset + limit)
          .map((u) => ({ name: u.name, role: u.role, source: 'config' })),
        total: all.length,
      };
    }
    const [rows, total] = await this.users.findAndCount({
      select: ['name', 'role'],
      order: { name: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { items: rows.map((u) => ({ name: u.name, role: u.role, source: 'database' })), total };
  }

  /** Forgets every verified credential; called whenever a user is added, changed or removed. */
  usersChanged(): void {
    this.generation++;
    this.cache.clear();
  }

  /** Stores a user (or replaces its password and role) and drops the credential cache. */
  async saveUser(name: string, password: string, role: Role): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    const existing = await this.users.findOne({ where: { name } });
    if (existing) await this.users.update({ id: existing.id }, { passwordHash, role });
    else await this.users.insert({ name, passwordHash, role });
    this.usersChanged();
    if (name === FIRST_ADMIN)
      this.forgetInitialPassword(`the password of user "${name}" has changed`);
    else if (role === 'admin') this.forgetInitialPassword(`user "${name}" is an admin too`);
  }
}
