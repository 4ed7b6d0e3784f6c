import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './roles';
import { basicCredentials, BasicStrategy } from './basic.strategy';
import { type AuthUser, PUBLIC_KEY, roleAtLeast, ROLES_KEY } from './roles';

interface AuthRequest {
  headers: { authorization?: string };
  ip?: string;
  user?: AuthUser;
}

/**
 * Requires valid HTTP Basic credentials on every route not marked @Public(), and puts the
 * caller on the request as `user`. Without credentials (or with a header that is not Basic
 * with a user name and a password): 401.
 */
@Injectable()
export class BasicAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: BasicStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials) throw new UnauthorizedException('Credentials required');
    request.user = await this.strategy.validate(
      request,
      credentials.username,
      credentials.password,
    );
    return true;
  }
}

/** Refuses callers whose role is below the route's @RequireRole (viewer when unstated). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role>(ROLES_KEY, targets) ?? 'viewer';
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roleAtLeast(user.role, required)) {
      throw new ForbiddenException(`This operation needs the ${required} role`);
    }
    return true;
  }
}
