import { UserEntity } from '../auth/user.entity';

/** Every TypeORM entity of the application. */
export const ENTITIES = [UserEntity];
