import { DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { CLUSTER_MEMBERS, type ClusterMembers } from './cluster-members';

/**
 * Provides CLUSTER_MEMBERS to every module: the membership a module keeps (fromProvider), or one
 * given in its stead (forRoot).
 */
@Global()
@Module({})
export class ClusterMembersModule {
  static forRoot(members: ClusterMembers): DynamicModule {
    return {
      module: ClusterMembersModule,
      providers: [{ provide: CLUSTER_MEMBERS, useValue: members }],
      exports: [CLUSTER_MEMBERS],
    };
  }

  /** CLUSTER_MEMBERS answered by `provider`, which `module` exports. */
  static fromProvider(module: Type, provider: Type<ClusterMembers>): DynamicModule {
    return {
      module: ClusterMembersModule,
      imports: [module],
      providers: [{ provide: CLUSTER_MEMBERS, useExisting: provider }],
      exports: [CLUSTER_MEMBERS],
    };
  }
}
