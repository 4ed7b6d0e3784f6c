import { HttpStatus, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../app.config';
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

/**
 * The user name and password of an `Authorization: Basic <base64>` header (RFC 7617: the user
 * name ends at the first colon, the password may hold more), or undefined when the header is
 * missing, of another scheme, or lacks either part.
 */
export function basicCredentials(
  header: string | undefined,
): { username: string; password: string } | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(header.slice(space + 1).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Checks HTTP Basic credentials: login throttle, credential cache, then bcrypt. */
@Injectable()
export class BasicStrategy {
  private readonly logger = new Logger('Auth');
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly users: UsersService,
    config: AppConfig,
  ) {
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
