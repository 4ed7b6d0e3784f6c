import type { Role } from '../roles';

export class UserDto {
  name!: string;
  role!: Role;
  /** `config` for users from VIGIL_USERS / VIGIL_USERS_FILE, `database` for stored users. */
  source!: 'config' | 'database';
}

export class UserListDto {
  /** Users sorted by name. */
  items!: UserDto[];
  /** How many users there are in all. */
  total!: number;
}
