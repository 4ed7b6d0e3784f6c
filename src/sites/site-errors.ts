import { HttpStatus } from '@nestjs/common';
import { ProblemException, ValidationProblemException } from '../common/problem';
import { IcingaApiError } from '../icinga-api/icinga-api-client';
import { LqlError } from './lql-client';
import { LqlSyntaxError } from '../lql/lql';
import { LqlAnswerError } from '../lql/lql-answer';

/** One site's failure, as reported beside the rows of the sites that answered. */
export interface SiteFailure {
  site: string;
  /** The HTTP status this failure alone would have been answered with. */
  status: number;
  /** What went wrong; livestatus' own message for errors livestatus reported. */
  detail: string;
  /** The site was too busy to take the query: worth retrying soon. */
  busy?: boolean;
}

/** A failure as shown to callers. */
export function publicFailure(failure: SiteFailure): Omit<SiteFailure, 'busy'> {
  return { site: failure.site, status: failure.status, detail: failure.detail };
}

const TYPE = 'urn:vigil:problem:livestatus';

/** The HTTP status for a livestatus failure. */
export function statusOf(error: LqlError): number {
  switch (error.kind) {
    case 'unavailable':
    case 'busy':
    case 'aborted':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'timeout':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'too-large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'protocol':
      return HttpStatus.BAD_GATEWAY;
    case 'status':
      if (error.status === 404) return HttpStatus.NOT_FOUND;
      if (error.status === 413) return HttpStatus.PAYLOAD_TOO_LARGE;
      if (error.status === 400 || error.status === 451 || error.status === 452) {
        return HttpStatus.BAD_REQUEST;
      }
      return HttpStatus.BAD_GATEWAY;
  }
}

/**
 * The HTTP status for an Icinga 2 API failure: a refused login or permission is the gateway's
 * failure (502), not the caller's.
 */
export function apiStatusOf(error: IcingaApiError): number {
  switch (error.kind) {
    case 'unreachable':
    case 'tls':
    case 'aborted':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'timeout':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'bad-request':
      return HttpStatus.BAD_REQUEST;
    case 'not-found':
      return HttpStatus.NOT_FOUND;
    case 'unauthorized':
    case 'forbidden':
    case 'server':
    case 'protocol':
      return HttpStatus.BAD_GATEWAY;
  }
}

/** Describes any error of one site's query as a SiteFailure; rethrows programming errors. */
export function failureOf(site: string, address: string, error: unknown): SiteFailure {
  if (error instanceof IcingaApiError) {
    return {
      site,
      status: apiStatusOf(error),
      detail: `Icinga 2 API site ${site}: ${error.message}`,
    };
  }
  if (error instanceof LqlError) {
    return { site, status: statusOf(error), detail: error.message, busy: error.kind === 'busy' };
  }
  if (error instanceof LqlAnswerError || error instanceof SyntaxError) {
    return {
      site,
      status: HttpStatus.BAD_GATEWAY,
      detail: `livestatus site ${site} (${address}): ${error.message}`,
    };
  }
  throw error;
}

/** The answer when no site could answer: the first site's status, every site's detail. */
export function failuresProblem(failures: SiteFailure[]): ProblemException {
  const status = failures[0].status;
  const details = [...new Set(failures.map((f) => f.detail))];
  const detail =
    failures.length === 1 || details.length === 1
      ? details[0]
      : failures.map((f) => `site ${f.site}: ${f.detail}`).join('; ');
  return new ProblemException(status, detail, {
    type: TYPE,
    title: titleOf(status),
    extra:
      failures.length === 1
        ? { site: failures[0].site }
        : { failures: failures.map(publicFailure) },
    headers: failures.some((f) => f.busy) ? { 'Retry-After': '1' } : undefined,
  });
}

function titleOf(status: number): string {
  switch (status) {
    case 404:
      return 'Unknown table';
    case 400:
      return 'The site rejected the query';
    case 413:
      return 'Answer too large';
    case 502:
      return 'Invalid answer from the site';
    case 503:
      return 'Site unavailable';
    case 504:
      return 'Site timeout';
    default:
      return 'Site error';
  }
}

/** A mistake in the caller's query, answered 400 naming the field. */
export function syntaxProblem(error: LqlSyntaxError): ValidationProblemException {
  const message = error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
  return new ValidationProblemException([{ field: error.field, message }]);
}

/** Runs `build` and turns an LqlSyntaxError into the 400 answer. */
export function checked<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof LqlSyntaxError) throw syntaxProblem(err);
    throw err;
  }
}
