import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles';
import { HealthDto, LiveDto, ReadyDto } from './dto/health.dto';
import { HealthService } from './health.service';

/** Seconds a 503 of health asks callers to wait. */
const RETRY_AFTER_SECONDS = '5';

/** The 503 answer of a health endpoint: the same body as its 200, with Retry-After. */
function ApiUnavailableResponse(type: typeof HealthDto | typeof ReadyDto, description: string) {
  return ApiResponse({
    status: 503,
    type,
    description,
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
  });
}

interface StatusSink {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'State of vigil, its database, sites, command pipe, mail and probing',
    description:
      'Answers 200 while the database answers and takes writes, 503 with `Retry-After` otherwise: ' +
      'the status depends on the database alone. It also tells whether each monitoring site ' +
      'answers (asked at most every 5 s, each within 2 s), whether the command pipe has a reader, ' +
      'the mails waiting in the outbox and how probing keeps up. Needs no credentials.',
  })
  @ApiResponse({ status: 200, type: HealthDto, description: 'vigil and its database are up' })
  @ApiUnavailableResponse(
    HealthDto,
    'the database does not answer, or does not take writes (stuck)',
  )
  async getHealth(@Res({ passthrough: true }) res: StatusSink): Promise<HealthDto> {
    return unavailableUnlessOk(res, await this.health.check());
  }

  @Get('live')
  @Public()
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Whether the process runs (liveness probe)',
    description:
      'Always 200 `{"status":"ok"}` while the process runs and its event loop turns; asks ' +
      'nothing else, so a database or Icinga outage never makes an orchestrator restart vigil. ' +
      'Needs no credentials.',
  })
  @ApiResponse({ status: 200, type: LiveDto, description: 'the process runs' })
  getLiveness(): LiveDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Whether vigil can serve requests (readiness probe)',
    description:
      'Answers 200 when the database answers and takes writes and every migration is applied, ' +
      '503 with `Retry-After` otherwise, so that a load balancer sends requests elsewhere ' +
      'meanwhile. Needs no credentials.',
  })
  @ApiResponse({ status: 200, type: ReadyDto, description: 'vigil can serve' })
  @ApiUnavailableResponse(
    ReadyDto,
    'the database does not answer or is stuck, or migrations are pending',
  )
  async getReadiness(@Res({ passthrough: true }) res: StatusSink): Promise<ReadyDto> {
    return unavailableUnlessOk(res, await this.health.ready());
  }
}

/** Sets 503 and Retry-After on the response unless `result` is ok; returns `result`. */
function unavailableUnlessOk<T extends { status: string }>(res: StatusSink, result: T): T {
  if (result.status !== 'ok') {
    res.status(503);
    res.header('Retry-After', RETRY_AFTER_SECONDS);
  }
  return result;
}
