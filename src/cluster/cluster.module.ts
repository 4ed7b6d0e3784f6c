import { Module } from '@nestjs/common';
import { ClusterController } from './cluster.controller';
import { ClusterService } from './cluster.service';

/**
 * Which instance probes which targets: membership and shard leases in cluster_members and
 * shard_leases (written by this module alone), `GET /api/v1/cluster`.
 */
@Module({
  controllers: [ClusterController],
  providers: [ClusterService],
  exports: [ClusterService],
})
export class ClusterModule {}
