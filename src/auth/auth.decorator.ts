import { applyDecorators } from '@nestjs/common';
import { ApiBasicAuth } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import type { Role } from './roles';
import { RequireRole } from './roles';

export const BASIC_AUTH_SCHEME = 'basic';

/**
 * The route needs HTTP Basic credentials of at least `role`; documents 401, 403, 429 (too many
 * failed logins) and 503 (too many password checks waiting for bcrypt).
 */
export function Auth(role: Role) {
  return applyDecorators(
    RequireRole(role),
    ApiBasicAuth(BASIC_AUTH_SCHEME),
    ApiProblems(401, 403, 429, 503),
  );
}
