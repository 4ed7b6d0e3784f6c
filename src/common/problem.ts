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
  constructor(readonly errors: FieldErrorDto[]) {
    super(
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].message}`
        : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}`,
    );
  }
}

/**
 * One message per field: the first rule written on the property that it breaks. class-validator
 * runs (and lists) a property's rules from the last written to the first, so that is the last
 * one listed; by habit the first rule written is the type (`@IsString()` before `@MaxLength()`),
 * so `"name": null` reads "name must be a string", not also "must be shorter than ...". (Its
 * `stopAtFirstError` would keep the last rule written instead.)
 */
function collect(errors: ValidationError[], prefix = ''): FieldErrorDto[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    const own = messages.length > 0 ? [{ field, message: messages[messages.length - 1] }] : [];
    return [...own, ...collect(e.children ?? [], field)];
  });
}

/** Turns class-validator errors into a 400 problem listing every field. */
export function validationExceptionFactory(errors: ValidationError[]): ValidationProblemException {
  return new ValidationProblemException(collect(errors));
}
