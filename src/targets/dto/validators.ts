import { X509Certificate } from 'node:crypto';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { bodyRegexError } from '../body-regex';
import { expectedStatusError } from '../expected-status';
import { parseJsonPath } from '../json-path';

export const MAX_HEADERS = 50;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HEADER_VALUE = /^[\t\x20-\x7e]{0,4096}$/;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;
const SERVER_NAME =
  /^(?=.{1,253}$)(?!\d+(\.\d+)*$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const HEADER_OBJECT_KEYS = new Set(['value', 'secret', 'hasValue']);

/** A header's value: text, or `{ value?, secret?, hasValue? }` (see HeaderInput). */
function isHeaderValue(v: unknown): boolean {
  if (typeof v === 'string') return HEADER_VALUE.test(v);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return (
    Object.keys(o).every((key) => HEADER_OBJECT_KEYS.has(key)) &&
    (o.value === undefined || (typeof o.value === 'string' && HEADER_VALUE.test(o.value))) &&
    (o.secret === undefined || typeof o.secret === 'boolean') &&
    (o.hasValue === undefined || typeof o.hasValue === 'boolean')
  );
}

/**
 * An object of at most 50 HTTP headers: token names; values printable ASCII text (no line
 * breaks) or `{ value, secret }` objects. The message never repeats a value (it may be secret).
 */
export function IsHeaderMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHeaderMap',
      validator: {
        validate: (value: unknown) =>
          !!value &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_HEADERS &&
          Object.entries(value).every(([name, v]) => HEADER_NAME.test(name) && isHeaderValue(v)),
        defaultMessage: () =>
          `headers must be an object of at most ${MAX_HEADERS} headers, each name an HTTP token ` +
          'and each value printable ASCII text of at most 4096 characters without line breaks, ' +
          'or an object { value, secret } with such a value',
      },
    },
    options,
  );
}

/**
 * A regular expression that RE2, the engine the probes match bodies with, compiles: the
 * JavaScript syntax without lookahead, lookbehind and backreferences.
 */
export function IsRegex(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRegex',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && bodyRegexError(value) === null,
        defaultMessage: (args) => {
          const why = typeof args?.value === 'string' ? bodyRegexError(args.value) : null;
          return (
            `${args?.property} must be a regular expression that RE2 accepts ` +
            `(no lookahead, lookbehind or backreferences)${why ? `: ${why}` : ''}`
          );
        },
      },
    },
    options,
  );
}

/** A JSON path as the probe evaluator reads it (`$`, `status.ok`, `$.items.0.name`). */
export function IsJsonPath(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonPath',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            parseJsonPath(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => {
          try {
            parseJsonPath(String(args?.value));
          } catch (err) {
            return `${args?.property} must be a JSON path like $.a.b.0 (${(err as Error).message})`;
          }
          return `${args?.property} must be a JSON path like $.a.b.0`;
        },
      },
    },
    options,
  );
}

/** Why a text is not a list of PEM certificates, or null when it is one. */
export function pemCertificatesError(value: string): string | null {
  const blocks = value.match(PEM_BLOCK);
  if (!blocks) return 'no -----BEGIN CERTIFICATE----- block';
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (err) {
      return (err as Error).message;
    }
  }
  return null;
}

/** One or more PEM certificates that Node can read. */
export function IsPemCertificates(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPemCertificates',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !pemCertificatesError(value),
        defaultMessage: (args) => {
          const why = typeof args?.value === 'string' ? pemCertificatesError(args.value) : null;
          return `${args?.property} must be one or more PEM certificates${why ? ` (${why})` : ''}`;
        },
      },
    },
    options,
  );
}

/** A DNS host name (labels of letters, digits and hyphens), as TLS sends it in SNI. */
export function IsServerName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isServerName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && SERVER_NAME.test(value),
        defaultMessage: (args) =>
          `${args?.property} must be a DNS host name such as api.example.com (not an IP address)`,
      },
    },
    options,
  );
}

/** An expected status: a code, a class like "2xx", or a list of them (see expected-status.ts). */
export function IsExpectedStatus(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isExpectedStatus',
      validator: {
        validate: (value: unknown) => expectedStatusError(value) === null,
        defaultMessage: (args) => expectedStatusError(args?.value) ?? '',
      },
    },
    options,
  );
}
