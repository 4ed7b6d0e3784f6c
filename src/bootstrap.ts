import { INestApplication, ShutdownSignal, ValidationPipe } from '@nestjs/common';
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
import type { AppConfig } from './app.config';
import type { ClusterMembers } from './common/cluster-members';
import { VigilLogger } from './common/vigil-logger';
import { memoizeValidationMetadata } from './common/validation-metadata';
import { serveDocs } from './docs/swagger-ui';
import { attachHttpMetrics } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { version } from '../package.json';

export interface CreateAppOptions {
  /** Build the module graph without instantiating providers (no database): for the spec. */
  preview?: boolean;
  /** Overrides the configured log output (tests pass a capturing logger). */
  logger?: ConsoleLogger | false;
  /** The HTTP platform; Fastify unless given (the platform benchmark also measures Express). */
  httpAdapter?: AbstractHttpAdapter;
  /** The instances sharing the database as this one sees them; a single instance unless given. */
  clusterMembers?: ClusterMembers;
}

/** The console logger of a server process: colours only when stdout is a terminal. */
export function createLogger(config: AppConfig): VigilLogger {
  return new VigilLogger({
    level: config.logging.level,
    format: config.logging.format,
    colors: process.stdout.isTTY === true,
  });
}

/** Every tag an operation may carry, with what it groups: Swagger UI shows them in this order. */
export const API_TAGS: Record<string, string> = {
  health: 'Liveness and database state, without credentials.',
  auth:
    'Who is signed in, and the users who may sign in ' +
    '(HTTP Basic; roles viewer < operator < admin).',
  livestatus:
    'Read-only livestatus queries on the configured sites, ' + "and livestatus-service's `/query`.",
  commands:
    'Icinga external commands: acknowledgements, check results, comments, notifications, ' +
    "any command of the catalogue, the audit log, and livestatus-service's `/cmd`.",
  downtimes: 'Schedule, list and delete Icinga downtimes, e.g. around a rollout.',
  targets: 'HTTP targets vigil probes: definitions, status, probe now, results and uptime.',
  notifiers: 'SMTP e-mail notifiers that targets name.',
  notifications: 'The outbox of notification mails, and test mails.',
  cluster: 'The vigil instances sharing the database, and the shards of targets each probes.',
  metrics: 'Prometheus metrics of this instance, to scrape and alert on.',
};

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('vigil')
    .setDescription(
      'Monitoring control plane: livestatus queries and Icinga external commands over HTTP, ' +
        'and REST target probing with e-mail notifiers. Everything but /health needs HTTP Basic auth.',
    )
    .setVersion(version)
    .addBasicAuth({ type: 'http', scheme: 'basic' }, BASIC_AUTH_SCHEME)
    // relative to where the spec is served, so that "Try it out" calls the vigil it came from
    .addServer('.', 'This vigil (the server that serves this spec)');
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const config = builder.build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

/**
 * The signals that stop vigil gracefully: Nest's list, less SIGHUP when vigil serves HTTPS, where
 * SIGHUP reloads the certificate instead (see reloadTlsPairOnHangup).
 */
export function shutdownSignals(config: AppConfig): ShutdownSignal[] {
  const all = Object.values(ShutdownSignal);
  return config.http.tls ? all.filter((s) => s !== ShutdownSignal.SIGHUP) : all;
}

/** Creates the configured application, ready to listen. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const adapter = options.httpAdapter ?? new FastifyAdapter(fastifyOptions(config.http));
  const app = await NestFactory.create(AppModule.forRoot(config, options.clusterMembers), adapter, {
    logger: options.logger ?? createLogger(config),
    preview: options.preview,
    abortOnError: false,
  });
  memoizeValidationMetadata();
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
    if (!options.preview) attachHttpMetrics(adapter, app.get(MetricsService));
  }
  app.enableShutdownHooks(shutdownSignals(config));
  if (config.http.docsEnabled && !options.preview) {
    serveDocs(app, () => buildOpenApiDocument(app));
  }
  return app;
}
