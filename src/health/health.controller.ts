import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles';
import { HealthDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Liveness and database reachability',
    description:
      'Public, for load balancers and service managers: 200 with `status: ok` while' +
      ' vigil can serve, 503 with the same body when the database is down or its ' +
      'writes are stuck. Also reports the probing queue and results lost to a ' +
      'failing database.',
  })
  @ApiResponse({ status: 200, type: HealthDto, description: 'vigil and its database are up' })
  @ApiResponse({
    status: 503,
    type: HealthDto,
    description: 'the database does not answer, or does not take writes (stuck)',
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
  })
  async getHealth(
    @Res({ passthrough: true })
    res: {
      status(code: number): unknown;
      header(name: string, value: string): unknown;
    },
  ): Promise<HealthDto> {
    const result = await this.health.check();
    if (result.status !== 'ok') {
      res.status(503);
      res.header('Retry-After', '5');
    }
    return result;
  }
}
