import { HttpStatus, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { BasicStrategy as PassportBasicStrategy } from 'passport-http';
import { AUTH_REALM, ProblemException } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { LoginThrottle } from './login-throttle';
import type { AuthUser } from './roles';
import { UsersService } from './users.service';

/** Thrown while a user name from an address (or the whole address) is blocked after failures. */
export class TooManyLoginFailuresException extends ProblemException {
  constructor(retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed logins for this user name or from this address; try again in ${retryAfterSeconds} s`,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
  }
}

@Injectable()
export class BasicStrategy extends PassportStrategy(PassportBasicStrategy, 'basic') {
  private readonly logger = new Logger('Auth');
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly users: UsersService,
    config: AppConfig,
  ) {
    super({ passReqToCallback: true, realm: AUTH_REALM });
    this.throttle = new LoginThrottle({
      maxFailures: config.auth.maxFailures,
      maxAddressFailures: config.auth.maxAddressFailures,
      windowMs: config.auth.failureWindowSeconds * 1000,
    });
  }

  async validate(request: { ip?: string }, username: string, password: string): Promise<AuthUser> {
    const address = request.ip ?? 'unknown';
    // refused before the cache is asked too: a blocked client learns nothing, not even that a
    // guess matches a recently verified password
    const blocked = this.throttle.blockedSeconds(address, username);
    if (blocked > 0) throw new TooManyLoginFailuresException(blocked);
    const user = await this.users.verify(username, password, () => {
      const admission = this.throttle.admit(address, username);
      if (!admission.attempt) throw new TooManyLoginFailuresException(admission.retryAfterSeconds);
      return admission.attempt;
    });
    if (!user) {
      this.logger.warn(`Failed login for user ${JSON.stringify(username)} from ${address}`);
      throw new UnauthorizedException('Invalid user name or password');
    }
    return user;
  }
}
