import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ClusterService } from './cluster.service';
import { ClusterDto } from './dto/cluster.dto';

@ApiTags('cluster')
@Controller('api/v1/cluster')
export class ClusterController {
  constructor(private readonly cluster: ClusterService) {}

  @Get()
  @Auth('viewer')
  @ApiProblems()
  @ApiOperation({
    operationId: 'getCluster',
    summary: 'The vigil instances sharing the database, with their shards and load',
    description:
      'Each live instance with its heartbeat, the shards it leases, the targets it probes and ' +
      'its probes per second. Needs `viewer`.',
  })
  @ApiOkResponse({ type: ClusterDto })
  getCluster(): Promise<ClusterDto> {
    return this.cluster.describe();
  }
}
