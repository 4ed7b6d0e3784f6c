import type { Role } from '../roles';

export class MeDto {
  /** The user name the request authenticated as. */
  name!: string;
  /** The user's role: viewer < operator < admin. */
  role!: Role;
}
