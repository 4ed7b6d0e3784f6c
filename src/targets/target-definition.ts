/**
 * The rules over several fields of a target's definition, checked on create and on the result of
 * an update. Plain TypeScript, no Nest.
 */
import type { FieldErrorDto } from '../common/problem.dto';
import type { TargetEntity } from './target.entity';
import { onlyRedirects } from './expected-status';

const MAX_TEXT_BYTES = 65535;

/** The definition fields checked together. */
export type Definition = Pick<
  TargetEntity,
  | 'headers'
  | 'secretHeaders'
  | 'body'
  | 'frequencySeconds'
  | 'timeoutSeconds'
  | 'jsonPath'
  | 'jsonEquals'
  | 'maxResponseTimeMs'
  | 'expectedStatus'
  | 'followRedirects'
>;

/** Which of the fields the request set: a problem names the field the request set, if it set one. */
type Requested = Partial<
  Record<'timeoutSeconds' | 'maxResponseTimeMs' | 'followRedirects', unknown>
>;

/** The problems of a definition, pushed to `errors`. */
export function checkDefinition(d: Definition, request: Requested, errors: FieldErrorDto[]): void {
  if (d.timeoutSeconds > d.frequencySeconds) {
    errors.push({
      field: request.timeoutSeconds === undefined ? 'frequencySeconds' : 'timeoutSeconds',
      message: `timeoutSeconds (${d.timeoutSeconds}) must not be greater than frequencySeconds (${d.frequencySeconds})`,
    });
  }
  if (d.maxResponseTimeMs !== null && d.maxResponseTimeMs > d.timeoutSeconds * 1000) {
    errors.push({
      field: request.maxResponseTimeMs === undefined ? 'timeoutSeconds' : 'maxResponseTimeMs',
      message: `maxResponseTimeMs (${d.maxResponseTimeMs}) must not be greater than the timeout (${d.timeoutSeconds * 1000} ms)`,
    });
  }
  if (d.followRedirects && onlyRedirects(d.expectedStatus)) {
    errors.push({
      field: request.followRedirects === undefined ? 'expectedStatus' : 'followRedirects',
      message: `expectedStatus (${d.expectedStatus}) accepts only redirects, which are followed while followRedirects is true: set followRedirects to false`,
    });
  }
  if (d.jsonPath !== null && d.jsonEquals === null) {
    errors.push({ field: 'jsonEquals', message: 'jsonEquals is required with jsonPath' });
  }
  if (d.jsonPath === null && d.jsonEquals !== null) {
    errors.push({ field: 'jsonPath', message: 'jsonPath is required with jsonEquals' });
  }
  const tooLong: [string, string | null][] = [
    ['body', d.body],
    ['headers', JSON.stringify(d.headers)],
    ['headers', JSON.stringify(d.secretHeaders)],
    ['jsonEquals', d.jsonEquals],
  ];
  for (const [field, text] of tooLong) {
    if (text !== null && Buffer.byteLength(text) > MAX_TEXT_BYTES) {
      errors.push({
        field,
        message: `${field} must be at most ${MAX_TEXT_BYTES} bytes as UTF-8`,
      });
    }
  }
}
