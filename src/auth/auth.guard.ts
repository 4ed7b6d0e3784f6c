import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role } from '../config/app-config';
import { type AuthUser, PUBLIC_KEY, roleAtLeast, ROLES_KEY } from './roles';

/** Requires valid HTTP Basic credentials on every route not marked @Public(). */
@Injectable()
export class BasicAuthGuard extends AuthGuard('basic') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err instanceof Error ? err : new UnauthorizedException();
    if (!user) throw new UnauthorizedException('Credentials required');
    return user;
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
