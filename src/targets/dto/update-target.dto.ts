import { UpdateType } from '../../common/update-type';
import { CreateTargetDto } from './create-target.dto';

/**
 * The fields to change; the others keep their values. `null` removes an optional setting
 * (body, bodyContains, bodyNotContains, bodyRegex, jsonPath with jsonEquals, maxResponseTimeMs,
 * tls, certificateExpiryDays, icinga).
 */
export class UpdateTargetDto extends UpdateType(CreateTargetDto, [
  'body',
  'bodyContains',
  'bodyNotContains',
  'bodyRegex',
  'jsonPath',
  'maxResponseTimeMs',
  'icinga',
  'tls',
  'certificateExpiryDays',
]) {}
