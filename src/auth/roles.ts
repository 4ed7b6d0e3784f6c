import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** The roles of users, each including the ones before it. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'vigil:role';
export const PUBLIC_KEY = 'vigil:public';

/** Marks a route as open to everybody, without credentials. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The lowest role a route needs; each role includes the ones before it. */
export const RequireRole = (role: Role) => SetMetadata(ROLES_KEY, role);

export function roleAtLeast(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

/** The authenticated caller, as the auth guard puts it on the request. */
export interface AuthUser {
  name: string;
  role: Role;
}

/** The authenticated caller of the current request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
