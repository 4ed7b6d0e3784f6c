import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadSettings } from '../../config/load-settings';
import { secretsSlice, type SecretsConfig } from './secrets.config';
import { CapturingLogger } from '../../../test/support/app';
import {
  generateSecretKey,
  loadOrCreateKeyFile,
  parseSecretKey,
  SecretBox,
  SecretBoxError,
} from './secret-box';
import { createSecretBox } from './secrets.module';

const PLAIN = 'correct horse battery staple ✓';

/** The secrets' slice of the configuration from `env`, as the app would load it. */
function loadSecrets(env: Record<string, string>): SecretsConfig {
  return loadSettings({ secrets: secretsSlice }, env).slices.secrets;
}

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it('stores v1:<iv>:<tag>:<ciphertext> with a 12-byte IV, without the plain text', () => {
    const stored = box.encrypt(PLAIN);
    const [version, iv, tag, ciphertext] = stored.split(':');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength(Buffer.byteLength(PLAIN));
    expect(stored).not.toContain(PLAIN);
    expect(Buffer.from(ciphertext, 'base64').toString('utf8')).not.toContain('horse');
    expect(box.decrypt(stored)).toBe(PLAIN);
  });

  it('uses a new IV each time, so one password never gives the same value twice', () => {
    const a = box.encrypt(PLAIN);
    const b = box.encrypt(PLAIN);
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it('refuses a tampered value, with a message that holds no secret', () => {
    const [v, iv, tag, ciphertext] = box.encrypt(PLAIN).split(':');
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[0] ^= 1;
    const tampered = [v, iv, tag, bytes.toString('base64')].join(':');
    expect(() => box.decrypt(tampered)).toThrow(SecretBoxError);
    try {
      box.decrypt(tampered);
    } catch (err) {
      expect((err as Error).message).not.toContain(PLAIN);
      expect((err as Error).message).not.toContain(key.toString('base64'));
    }
    expect(() => box.decrypt('plain-text')).toThrow(/not in the v1 format/);
    expect(() => box.decrypt('v1:AAAA:AAAA:AAAA')).toThrow(/damaged/);
  });

  it('cannot be opened with another key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.decrypt(box.encrypt(PLAIN))).toThrow(/VIGIL_SECRET_KEY_PREVIOUS/);
  });

  it('reads values of the previous key during a rotation and writes them again with the new one', () => {
    const old = box.encrypt(PLAIN);
    const rotated = new SecretBox(randomBytes(32), key);
    expect(rotated.rotating).toBe(true);
    expect(rotated.decrypt(old)).toBe(PLAIN);
    expect(rotated.isCurrent(old)).toBe(false);
    const fresh = rotated.reencrypt(old);
    expect(fresh).not.toBe(old);
    expect(rotated.isCurrent(fresh)).toBe(true);
    expect(rotated.reencrypt(fresh)).toBe(fresh);
    expect(() => box.decrypt(fresh)).toThrow(SecretBoxError);
    expect(rotated.isCurrent('garbage')).toBe(false);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new SecretBox(randomBytes(32), randomBytes(31))).toThrow(/32 bytes/);
  });
});

describe('parseSecretKey', () => {
  const key = randomBytes(32);

  it('reads 64 hex digits and base64 (standard or URL-safe, padding optional)', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
    expect(parseSecretKey(generateSecretKey())).toHaveLength(32);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['hex of 31 bytes', randomBytes(31).toString('hex')],
    ['a passphrase', 'my secret passphrase'],
    ['empty', ''],
  ])('refuses %s', (_what, text) => {
    expect(parseSecretKey(text)).toBeNull();
  });
});

describe('the key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once with mode 0600 and read on later starts', () => {
    const file = join(dir, 'sub', 'secret.key');
    const first = loadOrCreateKeyFile(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateKeyFile(file);
    expect(again).toEqual({ key: first.key, created: false });
  });

  it('is refused when it holds no valid key', () => {
    const file = join(dir, 'secret.key');
    writeFileSync(file, 'nonsense');
    expect(() => loadOrCreateKeyFile(file)).toThrow(/does not hold a valid key/);
  });

  it('is generated with a warning when VIGIL_SECRET_KEY is not set, and not when it is', () => {
    const logger = new CapturingLogger();
    const box = createSecretBox(loadSecrets({ VIGIL_DATA_DIR: dir }), logger as never);
    expect(logger.lines.join('\n')).toMatch(
      /warn .*VIGIL_SECRET_KEY is not set: generated a new key/,
    );
    const stored = box.encrypt(PLAIN);
    const fileKey = readFileSync(join(dir, 'secret.key'), 'utf8').trim();
    expect(new SecretBox(parseSecretKey(fileKey)!).decrypt(stored)).toBe(PLAIN);
    expect(logger.lines.join('\n')).not.toContain(fileKey);

    const key = randomBytes(32);
    const other = mkdtempSync(join(tmpdir(), 'vigil-key-'));
    try {
      const withKey = createSecretBox(
        loadSecrets({ VIGIL_DATA_DIR: other, VIGIL_SECRET_KEY: key.toString('hex') }),
      );
      expect(new SecretBox(key).decrypt(withKey.encrypt(PLAIN))).toBe(PLAIN);
      expect(() => statSync(join(other, 'secret.key'))).toThrow();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('secret key settings', () => {
  it('names a bad VIGIL_SECRET_KEY and VIGIL_SECRET_KEY_PREVIOUS without echoing them', () => {
    const bad = 'not-a-key-but-maybe-a-password';
    let problems: string[] = [];
    try {
      loadSecrets({ VIGIL_SECRET_KEY: bad, VIGIL_SECRET_KEY_PREVIOUS: `${bad}2` });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(
        /^VIGIL_SECRET_KEY: must be 32 bytes written as 64 hex digits or as base64/,
      ),
      expect.stringMatching(/^VIGIL_SECRET_KEY_PREVIOUS: must be 32 bytes/),
    ]);
    expect(problems.join('\n')).not.toContain(bad);
  });

  it('reads both keys, and puts the key file in the data directory', () => {
    const key = randomBytes(32);
    const previous = randomBytes(32);
    const secrets = loadSecrets({
      VIGIL_DATA_DIR: '/var/lib/vigil',
      VIGIL_SECRET_KEY: key.toString('base64'),
      VIGIL_SECRET_KEY_PREVIOUS: previous.toString('hex'),
    });
    expect(secrets).toEqual({
      key,
      previousKey: previous,
      keyFile: '/var/lib/vigil/secret.key',
    });
  });
});
