import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { LegacyQueryDto } from './dto/legacy-query.dto';
import { type HeaderSink, LivestatusService } from './livestatus.service';

/** The `/query` endpoint of livestatus-service, for scripts written against it. */
@ApiTags('livestatus')
@Controller('query')
export class LegacyQueryController {
  constructor(private readonly livestatus: LivestatusService) {}

  @Get()
  @Auth('viewer')
  @ApiOperation({
    operationId: 'legacyQuery',
    summary: 'livestatus-service compatible query: q=<LQL>, optionally keyed by a column',
    description:
      'For scripts written for livestatus-service: `q` is an LQL `GET` request with' +
      ' `\\n` for new lines; the rows come back as JSON objects, or keyed by a ' +
      'column with `key`. Errors are problem+json (404 unknown table, 400 bad ' +
      'query, 503/504 site unreachable or slow). Any role.',
  })
  @ApiOkResponse({
    description: 'A list of objects (column → value), or with `key` an object keyed by that column',
    content: {
      'application/json': {
        schema: {
          oneOf: [
            { type: 'array', items: { type: 'object', additionalProperties: true } },
            {
              type: 'object',
              additionalProperties: { type: 'object', additionalProperties: true },
            },
          ],
        },
      },
    },
  })
  @ApiProblems(400, 404, 413, 502, 503, 504)
  legacyQuery(
    @Query() query: LegacyQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<string | StreamableFile> {
    return this.livestatus.legacyQuery(query, res);
  }
}
