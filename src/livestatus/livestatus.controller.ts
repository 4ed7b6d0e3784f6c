import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { RawQueryDto } from './dto/raw-query.dto';
import { SiteStatusDto } from './dto/site-status.dto';
import { TableParamsDto, TableQueryDto } from './dto/table-query.dto';
import { type HeaderSink, LivestatusService, SITE_ERRORS_HEADER } from './livestatus.service';

const ROWS_RESPONSE = {
  description:
    'The rows, each with the `site` that answered. `json`: a list of objects, or with `key` an ' +
    'object keyed by that column; `csv`: a header line then one line per row; `ndjson`: one ' +
    'object per line. When some sites fail and others answer, the failed sites are listed in ' +
    `the ${SITE_ERRORS_HEADER} header.`,
  headers: {
    [SITE_ERRORS_HEADER]: {
      description:
        'Only when some sites failed: a JSON list of { site, status, detail }, status being ' +
        'the HTTP status that site alone would have been answered with.',
      schema: { type: 'string' },
    },
  },
  content: {
    'application/json': {
      schema: {
        oneOf: [
          { type: 'array', items: { type: 'object', additionalProperties: true } },
          { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } },
        ],
      },
    },
    'text/csv': { schema: { type: 'string' } },
    'application/x-ndjson': { schema: { type: 'string' } },
  },
};

@ApiTags('livestatus')
@Controller('api/v1/livestatus')
export class LivestatusController {
  constructor(private readonly livestatus: LivestatusService) {}

  @Get('sites')
  @Auth('viewer')
  @ApiOperation({
    operationId: 'listLivestatusSites',
    summary: 'Configured livestatus sites with reachability, latency and program version',
    description:
      'Each configured site (livestatus socket or Icinga 2 API) with whether it ' +
      'answers now, how fast, and the program version it reports; a quick check ' +
      'before a query. Any role.',
  })
  @ApiOkResponse({ type: [SiteStatusDto] })
  listLivestatusSites(): Promise<SiteStatusDto[]> {
    return this.livestatus.listSites();
  }

  @Get(':table')
  @Auth('viewer')
  @ApiOperation({
    operationId: 'queryLivestatusTable',
    summary: 'Query a livestatus table with columns, filters and stats, on one or more sites',
    description:
      'Builds the LQL from the parameters (table, columns, filters, stats, limit), ' +
      'so no LQL needs writing; asks one, several or all sites and adds a `site` ' +
      'column. 404 for an unknown table, 400 for a bad column or filter, 413 when ' +
      'the answer is too large, 503 when a site is unreachable, 504 when it does ' +
      'not answer in time. Any role.',
  })
  @ApiOkResponse(ROWS_RESPONSE)
  @ApiProblems(400, 404, 413, 502, 503, 504)
  queryLivestatusTable(
    @Param() params: TableParamsDto,
    @Query() query: TableQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<string | StreamableFile> {
    return this.livestatus.queryTable(params.table, query, res);
  }

  @Post('query')
  @HttpCode(200)
  @Auth('viewer')
  @ApiOperation({
    operationId: 'runLivestatusQuery',
    summary: 'Run one LQL GET request written by the caller, on one or more sites',
    description:
      'For queries the table endpoint cannot express: one LQL `GET` request as ' +
      "written, read-only (no `COMMAND`, no headers that change the answer's " +
      'format). Same answers and errors as `GET /api/v1/livestatus/{table}`. Any ' +
      'role.',
  })
  @ApiBody({ type: RawQueryDto })
  @ApiOkResponse(ROWS_RESPONSE)
  @ApiProblems(400, 404, 413, 502, 503, 504)
  runLivestatusQuery(
    @Body() body: RawQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<string | StreamableFile> {
    return this.livestatus.runQuery(body, res);
  }
}
