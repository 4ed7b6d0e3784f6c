import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../private-files';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a secret key setting must look like; used in configuration problems. */
export const SECRET_KEY_FORMAT =
  'must be 32 bytes written as 64 hex digits or as base64 (e.g. the output of `openssl rand -base64 32`)';

/** Raised when a stored secret cannot be read. Its message never holds the secret or the key. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Reads a 32-byte key written as 64 hex digits or as base64 (standard or URL-safe alphabet).
 * Answers null when the text is neither, or not 32 bytes long.
 */
export function parseSecretKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  return null;
}

/** Makes a new random key, written as base64. */
export function generateSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * Reads the key stored in `file`, or creates that file (mode 0600) holding a new random key.
 * `created` says which happened. Two processes starting at once agree on one key: the file is
 * created exclusively, and the loser reads the winner's key.
 */
export function loadOrCreateKeyFile(file: string): { key: Buffer; created: boolean } {
  const read = (): Buffer => {
    const key = parseSecretKey(readFileSync(file, 'utf8'));
    if (!key) throw new SecretBoxError(`the key file ${file} does not hold a valid key`);
    return key;
  };
  try {
    return { key: read(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  ensurePrivateDir(dirname(file));
  try {
    writeFileSync(file, `${generateSecretKey()}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: read(), created: false };
    throw err;
  }
  ensurePrivateFile(file); // the mode given to writeFileSync is subject to the umask
  return { key: read(), created: true };
}

/**
 * Encrypts short secrets (passwords) for storage with AES-256-GCM: a random 12-byte IV per value,
 * stored as `v1:<iv>:<tag>:<ciphertext>`, each part base64. Values written with the previous key
 * (during a key rotation) can still be read; `isCurrent` tells which values to write again.
 */
export class SecretBox {
  private readonly keys: Buffer[];

  constructor(key: Buffer, previousKey?: Buffer | null) {
    for (const k of [key, previousKey]) {
      if (k && k.length !== KEY_BYTES) throw new SecretBoxError(`a key must be ${KEY_BYTES} bytes`);
    }
    this.keys = previousKey ? [key, previousKey] : [key];
  }

  /** Whether a previous key is configured (a rotation is under way). */
  get rotating(): boolean {
    return this.keys.length > 1;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys[0], iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
      .join(':');
  }

  /** The plain text of a stored value; throws SecretBoxError when no configured key opens it. */
  decrypt(stored: string): string {
    return this.open(stored).plain;
  }

  /** Whether a stored value was written with the current key (false: rewrite it, or unreadable). */
  isCurrent(stored: string): boolean {
    try {
      return this.open(stored).keyIndex === 0;
    } catch {
      return false;
    }
  }

  /** The value written again with the current key; unchanged when it already is. */
  reencrypt(stored: string): string {
    const { plain, keyIndex } = this.open(stored);
    return keyIndex === 0 ? stored : this.encrypt(plain);
  }

  private open(stored: string): { plain: string; keyIndex: number } {
    const parts = stored.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SecretBoxError('the stored secret is not in the v1 format');
    }
    const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('the stored secret is damaged');
    }
    for (const [keyIndex, key] of this.keys.entries()) {
      try {
        const decipher = createDecipheriv(ALGORITHM, key, iv);
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
        return { plain: plain.toString('utf8'), keyIndex };
      } catch {
        // wrong key or tampered value: try the next key
      }
    }
    throw new SecretBoxError(
      'the stored secret cannot be decrypted with the configured key(s): was VIGIL_SECRET_KEY changed without setting VIGIL_SECRET_KEY_PREVIOUS?',
    );
  }
}
