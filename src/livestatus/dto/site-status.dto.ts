import { ApiProperty } from '@nestjs/swagger';
import { SITE_KINDS, SITE_KINDS_DESCRIPTION, type SiteKind } from '../../sites/site-config';

export class SiteStatusDto {
  /** The site's configured name. */
  name!: string;
  @ApiProperty({ enum: SITE_KINDS, description: SITE_KINDS_DESCRIPTION })
  kind!: SiteKind;
  /** Where it answers: `unix:/path`, `tcp:host:port` or `icinga2:https://host:port`. */
  address!: string;
  /** Whether it told its program version (livestatus `GET status`, the API's `/v1/status`). */
  reachable!: boolean;
  /** How long that took, in milliseconds (also when it failed). */
  latencyMs!: number;
  /** The monitoring core's version, e.g. `r2.13.6-1-icinga2`, when reachable. */
  programVersion?: string;
  /** Why the site is not reachable. */
  error?: string;
}
