import { Logger, Module } from '@nestjs/common';
import { loadOrCreateKeyFile, SecretBox } from './secret-box';
import { SecretsConfig } from './secrets.config';

/** The SecretBox holding the key from VIGIL_SECRET_KEY, or from the key file in the data dir. */
export function createSecretBox(config: SecretsConfig, logger = new Logger('Secrets')): SecretBox {
  const { key, previousKey, keyFile } = config;
  if (key) return new SecretBox(key, previousKey);
  const loaded = loadOrCreateKeyFile(keyFile);
  if (loaded.created) {
    logger.warn(
      `VIGIL_SECRET_KEY is not set: generated a new key in ${keyFile} to encrypt stored passwords. ` +
        'Back it up with the database, or set VIGIL_SECRET_KEY (see README, "Secrets").',
    );
  } else {
    logger.log(`VIGIL_SECRET_KEY is not set: using the key in ${keyFile}`);
  }
  return new SecretBox(loaded.key, previousKey);
}

/** Provides the SecretBox that encrypts stored passwords (target auth, SMTP). */
@Module({
  providers: [{ provide: SecretBox, useFactory: createSecretBox, inject: [SecretsConfig] }],
  exports: [SecretBox],
})
export class SecretsModule {}
