import type { MigrationInterface } from 'typeorm';
import { Users1795227792084 as SqliteUsers1795227792084 } from './sqlite/1795227792084-Users';
import { Targets1795229294866 as SqliteTargets1795229294866 } from './sqlite/1795229294866-Targets';
import { Probing1795232592090 as SqliteProbing1795232592090 } from './sqlite/1795232592090-Probing';
import { CommandAudit1795232656034 as SqliteCommandAudit1795232656034 } from './sqlite/1795232656034-CommandAudit';
import { Notifications1795233188546 as SqliteNotifications1795233188546 } from './sqlite/1795233188546-Notifications';
import { StateChanges1796289318282 as SqliteStateChanges1796289318282 } from './sqlite/1796289318282-StateChanges';
import { SecretHeaders1796290770455 as SqliteSecretHeaders1796290770455 } from './sqlite/1796290770455-SecretHeaders';
import { NameLength1281796299977241 as SqliteNameLength1281796299977241 } from './sqlite/1796299977241-NameLength128';
import { UncataloguedCommands1796300034071 as SqliteUncataloguedCommands1796300034071 } from './sqlite/1796300034071-UncataloguedCommands';
import { TargetStates1796310644176 as SqliteTargetStates1796310644176 } from './sqlite/1796310644176-TargetStates';
import { OutboxClaims1796314446146 as SqliteOutboxClaims1796314446146 } from './sqlite/1796314446146-OutboxClaims';
import { Cluster1796320000000 as SqliteCluster1796320000000 } from './sqlite/1796320000000-Cluster';
import { WebhookNotifiers1796321037981 as SqliteWebhookNotifiers1796321037981 } from './sqlite/1796321037981-WebhookNotifiers';
import { WebhookEvents1796321037982 as SqliteWebhookEvents1796321037982 } from './sqlite/1796321037982-WebhookEvents';
import { ProbeParity1796321388815 as SqliteProbeParity1796321388815 } from './sqlite/1796321388815-ProbeParity';
import { IcingaBridge1796322688395 as SqliteIcingaBridge1796322688395 } from './sqlite/1796322688395-IcingaBridge';
import { Users1795227792084 as MysqlUsers1795227792084 } from './mysql/1795227792084-Users';
import { Targets1795229294866 as MysqlTargets1795229294866 } from './mysql/1795229294866-Targets';
import { Probing1795232592090 as MysqlProbing1795232592090 } from './mysql/1795232592090-Probing';
import { CommandAudit1795232656034 as MysqlCommandAudit1795232656034 } from './mysql/1795232656034-CommandAudit';
import { Notifications1795233188546 as MysqlNotifications1795233188546 } from './mysql/1795233188546-Notifications';
import { StateChanges1796289318282 as MysqlStateChanges1796289318282 } from './mysql/1796289318282-StateChanges';
import { SecretHeaders1796290770455 as MysqlSecretHeaders1796290770455 } from './mysql/1796290770455-SecretHeaders';
import { NameLength1281796299977241 as MysqlNameLength1281796299977241 } from './mysql/1796299977241-NameLength128';
import { UncataloguedCommands1796300034071 as MysqlUncataloguedCommands1796300034071 } from './mysql/1796300034071-UncataloguedCommands';
import { TargetStates1796310644176 as MysqlTargetStates1796310644176 } from './mysql/1796310644176-TargetStates';
import { OutboxClaims1796314446146 as MysqlOutboxClaims1796314446146 } from './mysql/1796314446146-OutboxClaims';
import { Cluster1796320000000 as MysqlCluster1796320000000 } from './mysql/1796320000000-Cluster';
import { WebhookNotifiers1796321037981 as MysqlWebhookNotifiers1796321037981 } from './mysql/1796321037981-WebhookNotifiers';
import { WebhookEvents1796321037982 as MysqlWebhookEvents1796321037982 } from './mysql/1796321037982-WebhookEvents';
import { ProbeParity1796321388815 as MysqlProbeParity1796321388815 } from './mysql/1796321388815-ProbeParity';
import { IcingaBridge1796322688395 as MysqlIcingaBridge1796322688395 } from './mysql/1796322688395-IcingaBridge';

type MigrationClass = new () => MigrationInterface;

export const SQLITE_MIGRATIONS: MigrationClass[] = [
  SqliteUsers1795227792084,
  SqliteTargets1795229294866,
  SqliteProbing1795232592090,
  SqliteCommandAudit1795232656034,
  SqliteNotifications1795233188546,
  SqliteStateChanges1796289318282,
  SqliteSecretHeaders1796290770455,
  SqliteNameLength1281796299977241,
  SqliteUncataloguedCommands1796300034071,
  SqliteTargetStates1796310644176,
  SqliteOutboxClaims1796314446146,
  SqliteCluster1796320000000,
  SqliteWebhookNotifiers1796321037981,
  SqliteWebhookEvents1796321037982,
  SqliteProbeParity1796321388815,
  SqliteIcingaBridge1796322688395,
];
export const MYSQL_MIGRATIONS: MigrationClass[] = [
  MysqlUsers1795227792084,
  MysqlTargets1795229294866,
  MysqlProbing1795232592090,
  MysqlCommandAudit1795232656034,
  MysqlNotifications1795233188546,
  MysqlStateChanges1796289318282,
  MysqlSecretHeaders1796290770455,
  MysqlNameLength1281796299977241,
  MysqlUncataloguedCommands1796300034071,
  MysqlTargetStates1796310644176,
  MysqlOutboxClaims1796314446146,
  MysqlCluster1796320000000,
  MysqlWebhookNotifiers1796321037981,
  MysqlWebhookEvents1796321037982,
  MysqlProbeParity1796321388815,
  MysqlIcingaBridge1796322688395,
];
