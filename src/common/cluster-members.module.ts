import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLUSTER_MEMBERS, type ClusterMembers, singleInstance } from './cluster-members';

/** Provides CLUSTER_MEMBERS to every module: the given membership, or a single instance. */
@Global()
@Module({})
export class ClusterMembersModule {
  static forRoot(members?: ClusterMembers): DynamicModule {
    return {
      module: ClusterMembersModule,
      providers: [{ provide: CLUSTER_MEMBERS, useFactory: () => members ?? singleInstance() }],
      exports: [CLUSTER_MEMBERS],
    };
  }
}
