import { createVigilClient } from '../../openapi/client';
import { TEST_USERS } from './app';

/** The generated OpenAPI client, signed in as the test user of the given role. */
export function clientAs(baseUrl: string, role: keyof typeof TEST_USERS) {
  const user = TEST_USERS[role];
  return createVigilClient({ baseUrl, username: user.name, password: user.password });
}
