import { join } from 'node:path';
import { configSlice } from '../../config/config-slice';
import { Text } from '../../config/settings';
import { parseSecretKey, SECRET_KEY_FORMAT } from './secret-box';

/** The secrets' configuration; also the token it is injected by. */
export abstract class SecretsConfig {
  /** The key stored passwords are encrypted with (VIGIL_SECRET_KEY); null: use `keyFile`. */
  abstract readonly key: Buffer | null;
  /** The key being rotated out (VIGIL_SECRET_KEY_PREVIOUS): still read, never written. */
  abstract readonly previousKey: Buffer | null;
  /** Where the generated key is kept when VIGIL_SECRET_KEY is not set. */
  abstract readonly keyFile: string;
}

export class SecretsSettings {
  @Text()
  VIGIL_SECRET_KEY?: string;

  @Text()
  VIGIL_SECRET_KEY_PREVIOUS?: string;
}

export const secretsSlice = configSlice({
  settings: SecretsSettings,
  build(s, { dataDir, problems }): SecretsConfig {
    const key = (name: keyof SecretsSettings): Buffer | null => {
      const text = s[name];
      if (text === undefined) return null;
      const parsed = parseSecretKey(text);
      if (!parsed) problems.push(`${name}: ${SECRET_KEY_FORMAT}`);
      return parsed;
    };
    return {
      key: key('VIGIL_SECRET_KEY'),
      previousKey: key('VIGIL_SECRET_KEY_PREVIOUS'),
      keyFile: join(dataDir, 'secret.key'),
    };
  },
});
