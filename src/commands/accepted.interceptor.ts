import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/**
 * Answers 202 instead of the route's status when a command's effect was not confirmed
 * (`confirmed: false` in the answer): it was sent, but not yet seen on the site.
 */
@Injectable()
export class AcceptedWhenUnconfirmed implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (
          body &&
          typeof body === 'object' &&
          (body as { confirmed?: unknown }).confirmed === false
        ) {
          context.switchToHttp().getResponse<FastifyReply>().status(HttpStatus.ACCEPTED);
        }
        return body;
      }),
    );
  }
}
