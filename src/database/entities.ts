import { UserEntity } from '../auth/user.entity';
import { ClusterMemberEntity } from '../cluster/cluster-member.entity';
import { ShardLeaseEntity } from '../cluster/shard-lease.entity';
import { CommandAuditEntity } from '../commands/command-audit.entity';
import { IcingaBridgeStateEntity } from '../icinga-bridge/icinga-bridge-state.entity';
import { NotificationCursorEntity } from '../notifications/notification-cursor.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { NotifierEntity } from '../notifiers/notifier.entity';
import { ProbeResultEntity } from '../probing/probe-result.entity';
import { StateChangeEntity } from '../probing/state-change.entity';
import { TargetStateEntity } from '../probing/target-state.entity';
import { TargetEntity } from '../targets/target.entity';

/** Every TypeORM entity of the application. */
export const ENTITIES = [
  UserEntity,
  NotifierEntity,
  TargetEntity,
  TargetStateEntity,
  CommandAuditEntity,
  ProbeResultEntity,
  NotificationEntity,
  StateChangeEntity,
  NotificationCursorEntity,
  ClusterMemberEntity,
  ShardLeaseEntity,
  IcingaBridgeStateEntity,
];
