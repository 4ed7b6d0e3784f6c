import { UpdateType } from '../../common/update-type';
import { CreateTargetDto } from './create-target.dto';

/**
 * The fields to change; the others keep their values. `null` removes an optional setting
 * (body, bodyContains, bodyNotContains, bodyRegex, jsonPath with jsonEquals, maxResponseTimeMs,
 * tls, certificateExpiryDays).
 */
export class UpdateTargetDto extends UpdateType(CreateTargetDto, [
  'body',
  'bodyContains',
  'bodyNotContains',
  'bodyRegex',
  'jsonPath',
  'maxResponseTimeMs',
  'tls',
  'certificateExpiryDays',
]) {}
