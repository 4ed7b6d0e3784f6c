import type { Server as TlsServer } from 'node:tls';
import { createApp, createLogger } from './bootstrap';
import { type AppConfig, loadConfig } from './app.config';
import { ConfigError } from './config/load-settings';
import type { VigilLogger } from './common/vigil-logger';
import { plainHttpWarning, readTlsPair, reloadTlsPairOnHangup } from './common/tls';
import { version } from '../package.json';

/** Where to reach the server and its Swagger UI, as a line; a wildcard host reads as localhost. */
function listeningLine(config: AppConfig): string {
  const { host, port, docsEnabled, tls } = config.http;
  const scheme = tls ? 'https' : 'http';
  const bracket = (h: string) => (h.includes(':') ? `[${h}]` : h);
  const line = `listening on ${scheme}://${bracket(host)}:${port}`;
  if (!docsEnabled) return line;
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : bracket(host);
  return `${line}, Swagger UI at ${scheme}://${reachable}:${port}/docs`;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config);
  try {
    await serve(config, logger);
  } catch (err) {
    logger.fatal(
      `vigil failed to start: ${err instanceof Error ? err.message : String(err)}`,
      'vigil',
    );
    process.exit(1);
  }
}

async function serve(config: AppConfig, logger: VigilLogger): Promise<void> {
  logger.log(`vigil ${version} (Node.js ${process.version}), data in ${config.dataDir}`, 'vigil');
  const { tls } = config.http;
  if (tls) logger.log(`TLS certificate: ${readTlsPair(tls).summary}`, 'TLS');
  const app = await createApp(config, { logger });
  if (tls) reloadTlsPairOnHangup(app.getHttpServer() as TlsServer, tls, logger);
  await app.listen(config.http.port, config.http.host);
  const warning = plainHttpWarning(config.http);
  if (warning) logger.warn(warning, 'vigil');
  logger.always(listeningLine(config), 'vigil');
}

main().catch((err: unknown) => {
  console.error('vigil failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
