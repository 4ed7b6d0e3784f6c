import { HttpStatus, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { BasicStrategy as PassportBasicStrategy } from 'passport-http';
import { AUTH_REALM, ProblemException } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { LoginThrottle } from './login-throttle';
import type { AuthUser } from './roles';
import { UsersService } from './users.service';

/** Thrown while a client address is blocked after too many failed logins. */
export class TooManyLoginFailuresException extends ProblemException {
  constructor(retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed logins from this address; try again in ${retryAfterSeconds} s`,
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
    this.throttle = new LoginThrottle(
      config.auth.maxFailures,
      config.auth.failureWindowSeconds * 1000,
    );
  }

  async validate(request: { ip?: string }, username: string, password: string): Promise<AuthUser> {
    const address = request.ip ?? 'unknown';
    const retryAfter = this.throttle.retryAfterSeconds(address);
    if (retryAfter > 0) throw new TooManyLoginFailuresException(retryAfter);
    const user = await this.users.verify(username, password);
    if (!user) {
      this.throttle.recordFailure(address);
      this.logger.warn(`Failed login for user ${JSON.stringify(username)} from ${address}`);
      throw new UnauthorizedException('Invalid user name or password');
    }
    return user;
  }
}
