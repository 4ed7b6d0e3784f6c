import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

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
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  new Logger('vigil').log(
    `listening on http://${config.http.host}:${config.http.port} (docs at /docs)`,
  );
}

main().catch((err: unknown) => {
  console.error('vigil failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
