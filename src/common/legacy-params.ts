import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  type Type,
  ValidationPipe,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiQuery, PartialType } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { validationExceptionFactory } from './problem';

/**
 * Validates the parameters of a livestatus-service route: the global pipe's rules, except that
 * parameters the route does not use (a jQuery cache-buster `_`, a `handler` on `/query`) are
 * dropped instead of refused, as livestatus-service ignored them.
 */
const lenientPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: false,
  validateCustomDecorators: true,
  exceptionFactory: validationExceptionFactory,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The parameters of a livestatus-service request, from the query string or an
 * `application/x-www-form-urlencoded` body (GET and POST alike): a parameter given in the query
 * string and not empty wins, as in livestatus-service. Bodies of other types are not read.
 */
export function legacyParamsOf(request: FastifyRequest): Record<string, unknown> {
  const query = isRecord(request.query) ? request.query : {};
  const form =
    isRecord(request.body) &&
    /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')
      ? request.body
      : {};
  const merged = new Map<string, unknown>();
  for (const source of [form, query]) {
    for (const [name, value] of Object.entries(source)) {
      if (value !== '' || !merged.has(name)) merged.set(name, value);
    }
  }
  // own properties even for a name like __proto__
  return Object.fromEntries(merged);
}

/** The merged, validated parameters of a livestatus-service route (see legacyParamsOf). */
export const LegacyParams = (): ParameterDecorator =>
  createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
    legacyParamsOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
  )(lenientPipe);

/** The description every livestatus-service route carries about its parameters. */
export const LEGACY_PARAMS_NOTE =
  'Parameters the route does not use (a cache-buster such as `_=1700000000`) are ignored, as ' +
  'livestatus-service ignored them. The same parameters may come in an ' +
  '`application/x-www-form-urlencoded` body; a non-empty one in the query string wins.';

/**
 * Documents a livestatus-service route: its parameters (from `dto`) in the query string, for
 * POST also as a form body, none of them required there as either place may hold them.
 */
export function ApiLegacyParams(dto: Type<unknown>, method: 'GET' | 'POST'): MethodDecorator {
  if (method === 'GET') return ApiQuery({ type: dto });
  // each parameter may come from either place, so neither requires it
  const either = PartialType(dto);
  return applyDecorators(
    ApiQuery({ type: either }),
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiBody({ type: either, required: false }),
  );
}
