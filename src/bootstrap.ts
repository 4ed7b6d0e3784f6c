import { INestApplication, ValidationPipe } from '@nestjs/common';
import { AbstractHttpAdapter, HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { fastifyOptions, refuseHostileBodies } from './common/http-platform';
import { attachRequestLog } from './common/request-log';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ConsoleLogger } from '@nestjs/common';
import { AppModule } from './app.module';
import { BASIC_AUTH_SCHEME } from './auth/auth.decorator';
import { validationExceptionFactory } from './common/problem';
import { ProblemFilter } from './common/problem.filter';
import type { AppConfig } from './config/app-config';
import { VigilLogger } from './common/vigil-logger';
import { serveDocs } from './docs/swagger-ui';
import { version } from '../package.json';

export interface CreateAppOptions {
  /** Build the module graph without instantiating providers (no database): for the spec. */
  preview?: boolean;
  /** Overrides the configured log output (tests pass a capturing logger). */
  logger?: ConsoleLogger | false;
  /** The HTTP platform; Fastify unless given (the platform benchmark also measures Express). */
  httpAdapter?: AbstractHttpAdapter;
}

/** The console logger of a server process: colours only when stdout is a terminal. */
export function createLogger(config: AppConfig): VigilLogger {
  return new VigilLogger({
    level: config.logging.level,
    format: config.logging.format,
    colors: process.stdout.isTTY === true,
  });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('vigil')
    .setDescription(
      'Monitoring control plane: livestatus queries and Icinga external commands over HTTP, ' +
        'and REST target probing with e-mail notifiers. Everything but /health needs HTTP Basic auth.',
    )
    .setVersion(version)
    .addBasicAuth({ type: 'http', scheme: 'basic' }, BASIC_AUTH_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, builder, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

/** Creates the configured application, ready to listen. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const adapter = options.httpAdapter ?? new FastifyAdapter(fastifyOptions(config.http));
  const app = await NestFactory.create(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? createLogger(config),
    preview: options.preview,
    abortOnError: false,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ProblemFilter(app.get(HttpAdapterHost)));
  if (adapter instanceof FastifyAdapter) {
    refuseHostileBodies(adapter.getInstance());
    attachRequestLog(adapter, config.logging.format);
  }
  app.enableShutdownHooks();
  if (config.http.docsEnabled && !options.preview) {
    serveDocs(app, () => buildOpenApiDocument(app));
  }
  return app;
}
