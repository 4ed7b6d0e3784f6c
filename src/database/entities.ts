import { UserEntity } from '../auth/user.entity';
import { NotifierEntity } from '../notifiers/notifier.entity';
import { TargetEntity } from '../targets/target.entity';

/** Every TypeORM entity of the application. */
export const ENTITIES = [UserEntity, NotifierEntity, TargetEntity];
