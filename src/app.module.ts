import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import { ClusterModule } from './cluster/cluster.module';
import { ClusterService } from './cluster/cluster.service';
import { CommandsModule } from './commands/commands.module';
import { ClusterMembersModule } from './common/cluster-members.module';
import type { ClusterMembers } from './common/cluster-members';
import { SecretsConfig } from './common/crypto/secrets.config';
import { JobsModule } from './common/jobs.module';
import { AppConfig } from './app.config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LivestatusModule } from './livestatus/livestatus.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotifiersModule } from './notifiers/notifiers.module';
import { ProbingModule } from './probing/probing.module';
import { TargetStatesModule } from './probing/target-states.module';
import { TargetsModule } from './targets/targets.module';

@Module({})
export class AppModule {
  /** `members` stands in for the cluster's membership (ClusterService) where a test gives one. */
  static forRoot(config: AppConfig, members?: ClusterMembers): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(AppConfig, config, [
          { provide: SecretsConfig, useValue: config.secrets },
        ]),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        JobsModule,
        MetricsModule.forRoot(config.metrics),
        members
          ? ClusterMembersModule.forRoot(members)
          : ClusterMembersModule.fromProvider(ClusterModule, ClusterService),
        DatabaseModule.forRoot(config.database),
        AuthModule,
        ClusterModule,
        HealthModule,
        LivestatusModule,
        CommandsModule,
        NotifiersModule,
        TargetStatesModule,
        TargetsModule,
        ProbingModule,
        NotificationsModule,
      ],
    };
  }
}
