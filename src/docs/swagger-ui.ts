import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dirname, join } from 'node:path';

/** vigil's page and the script that starts Swagger UI on it. */
const UI_DIR = join(__dirname, 'ui');

/** The Swagger UI files that come with @nestjs/swagger, served by vigil itself (no CDN). */
function swaggerUiDist(): string {
  const swagger = dirname(require.resolve('@nestjs/swagger'));
  return dirname(require.resolve('swagger-ui-dist/package.json', { paths: [swagger] }));
}

/**
 * Serves the spec at /openapi.json and /openapi.yaml, Swagger UI at /docs/ (loading the spec by
 * URL rather than from a generated script, which @nestjs/swagger builds with
 * `String.prototype.replace`, so that `$'` or `</script>` in a description broke the page), and
 * redirects GET / to it.
 */
export function serveDocs(app: INestApplication, document: () => OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    ui: false,
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    (app as NestFastifyApplication).useStaticAssets({
      root: [UI_DIR, swaggerUiDist()],
      prefix: '/docs',
      redirect: true,
      decorateReply: false,
    });
  } else {
    const express = app as NestExpressApplication;
    express.useStaticAssets(UI_DIR, { prefix: '/docs' });
    express.useStaticAssets(swaggerUiDist(), { prefix: '/docs' });
  }
  // relative, so that it also leads to the page behind a proxy's path prefix
  adapter.get('/', (_req: unknown, res: unknown) => {
    adapter.redirect(res, 302, 'docs/');
  });
}
