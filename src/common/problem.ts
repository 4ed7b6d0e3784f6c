import { BadRequestException, HttpException, HttpStatus, ValidationError } from '@nestjs/common';
import type { FieldErrorDto } from './problem.dto';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The realm named in `WWW-Authenticate` on every 401. */
export const AUTH_REALM = 'vigil';

export interface ProblemOptions {
  /** A URI naming the kind of problem (default `about:blank`). */
  type?: string;
  title?: string;
  /** Extra members of the problem body. */
  extra?: Record<string, unknown>;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** Base for domain errors that carry their own problem type, members or headers. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    detail: string,
    readonly problem: ProblemOptions = {},
  ) {
    super(detail, status);
  }
}

export class ValidationProblemException extends BadRequestException {
  readonly errors: FieldErrorDto[];

  /** Keeps the first message of each field, so that `detail` names every field once. */
  constructor(errors: FieldErrorDto[]) {
    const once = errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
    super(
      once.length === 1
        ? `${once[0].field}: ${once[0].message}`
        : `${once.length} fields are invalid: ${once.map((e) => e.field).join(', ')}`,
    );
    this.errors = once;
  }
}

/**
 * One message per field, the one that explains. A field left out (or sent as undefined) that
 * breaks a rule is required: "q is required", not "q must be a string" or "must be shorter than
 * 65536 characters". Otherwise the first rule written on the property that it breaks:
 * class-validator runs (and lists) a property's rules from the last written to the first, so that
 * is the last one listed; by habit the first rule written is the type (`@IsString()` before
 * `@MaxLength()`), so `"name": null` reads "name must be a string", not also "must be shorter
 * than ...". (Its `stopAtFirstError` would keep the last rule written instead.)
 */
function collect(errors: ValidationError[], prefix = ''): FieldErrorDto[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    const message =
      e.value === undefined ? `${e.property} is required` : messages[messages.length - 1];
    const own = messages.length > 0 ? [{ field, message }] : [];
    return [...own, ...collect(e.children ?? [], field)];
  });
}

/** Turns class-validator errors into a 400 problem listing every field. */
export function validationExceptionFactory(errors: ValidationError[]): ValidationProblemException {
  return new ValidationProblemException(collect(errors));
}
