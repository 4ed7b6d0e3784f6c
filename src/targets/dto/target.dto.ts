import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import type { HeaderView } from '../target-headers';
import { HEADERS_VIEW_SCHEMA, SecretHeaderViewDto } from './target-header.dto';
import type { TargetStatus } from '../target-state-reader';
import type { HttpMethod } from '../http-method';
import { ANY_JSON_SCHEMA, TargetAuthViewDto } from './target-auth.dto';
import { TargetIcingaViewDto } from './target-icinga.dto';
import type { ExpectedStatus } from '../expected-status';
import { EXPECTED_STATUS_SCHEMA } from '../../common/expected-status';
import { TargetTlsViewDto } from './target-tls.dto';

/** A target: its definition, current state and counters. Secrets are never answered. */
@ApiExtraModels(SecretHeaderViewDto)
export class TargetDto {
  id!: number;
  name!: string;
  /** The URL probed, query string included. */
  url!: string;
  method!: HttpMethod;
  /** Request headers sent: their values, or `{ secret: true, hasValue: true }` for secret ones. */
  @ApiProperty(HEADERS_VIEW_SCHEMA)
  headers!: Record<string, HeaderView>;
  /** The request body sent, if any. */
  body!: string | null;
  auth!: TargetAuthViewDto;
  frequencySeconds!: number;
  timeoutSeconds!: number;
  /** A code, a class (`"2xx"`), or a list of them, in the shape it was given. */
  @ApiProperty(EXPECTED_STATUS_SCHEMA)
  expectedStatus!: ExpectedStatus;
  /** Whether redirects are followed (at most 10) and the last answer evaluated. */
  followRedirects!: boolean;
  bodyContains!: string | null;
  bodyNotContains!: string | null;
  bodyRegex!: string | null;
  jsonPath!: string | null;
  /** The JSON value expected at `jsonPath`; absent when there is no JSON check. */
  @ApiProperty({ ...ANY_JSON_SCHEMA, required: false, nullable: true })
  jsonEquals?: unknown;
  maxResponseTimeMs!: number | null;
  /** How HTTPS connections to the target are checked. */
  tls!: TargetTlsViewDto;
  /** An HTTPS probe fails when the certificate expires within this many days; null for no such check. */
  certificateExpiryDays!: number | null;
  failureThreshold!: number;
  recoveryThreshold!: number;
  enabled!: boolean;
  /** The notifiers told of failures and recoveries; empty means every enabled notifier. */
  notifierIds!: number[];
  /** NEW until the first probe, then PASS or FAIL. */
  status!: TargetStatus;
  /** Why the status is what it is, e.g. `timeout after 10 s`. */
  statusDescription!: string | null;
  previousStatus!: TargetStatus | null;
  /** When the state was last written. */
  lastUpdated!: Date;
  lastProbeAt!: Date | null;
  lastResponseTimeMs!: number | null;
  passCount!: number;
  failCount!: number;
  status2xxCount!: number;
  status3xxCount!: number;
  status4xxCount!: number;
  status5xxCount!: number;
  /** Probes that got no HTTP answer (connection, DNS, TLS, timeout). */
  networkFailCount!: number;
  /** Consecutive failures up to the last probe. */
  repeatedFailCount!: number;
  /** The Icinga object that takes the results as passive check results; null when none. */
  icinga!: TargetIcingaViewDto | null;
  /** Why the last passive check result could not be submitted to Icinga (e.g. an unknown service); null when it went through or none was due. */
  icingaError!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class TargetListDto {
  /** The targets of this page. */
  items!: TargetDto[];
  /** How many targets match the filters in all. */
  total!: number;
}
