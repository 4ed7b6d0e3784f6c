import { Controller, Get, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiLegacyParams, LEGACY_PARAMS_NOTE, LegacyParams } from '../common/legacy-params';
import { LegacyQueryDto } from './dto/legacy-query.dto';
import { type HeaderSink, LivestatusService } from './livestatus.service';

const OK_RESPONSE = {
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
};

const DESCRIPTION =
  `${LEGACY_PARAMS_NOTE} A \`Stats:\` column is named by the text after \`Stats:\`, as ` +
  'livestatus-service named it; `StatsAnd`/`StatsOr`/`StatsNegate` leave the names alone, so ' +
  'a combined column keeps the name of its first `Stats:` line.';

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
    description: DESCRIPTION,
  })
  @ApiLegacyParams(LegacyQueryDto, 'GET')
  @ApiOkResponse(OK_RESPONSE)
  @ApiProblems(400, 404, 413, 502, 503, 504)
  legacyQuery(
    @LegacyParams() query: LegacyQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<string | StreamableFile> {
    return this.livestatus.legacyQuery(query, res);
  }

  @Post()
  @HttpCode(200)
  @Auth('viewer')
  @ApiOperation({
    operationId: 'legacyQueryPost',
    summary: 'The same as GET /query, for scripts that POST (parameters also as a form body)',
    description: DESCRIPTION,
  })
  @ApiLegacyParams(LegacyQueryDto, 'POST')
  @ApiOkResponse(OK_RESPONSE)
  @ApiProblems(400, 404, 413, 415, 502, 503, 504)
  legacyQueryPost(
    @LegacyParams() query: LegacyQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<string | StreamableFile> {
    return this.livestatus.legacyQuery(query, res);
  }
}
