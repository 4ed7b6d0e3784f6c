/**
 * A notifier's SMTP settings in every form they take: the request (`SmtpSettingsDto`), the stored
 * `smtp_*` columns, the view answered (`SmtpSettingsViewDto`, password left out) and what the
 * mailer needs (`SmtpForDelivery`, password decrypted). Plain TypeScript, no Nest.
 */
import type { FieldErrorDto } from '../common/problem.dto';
import type { SmtpSettingsDto } from './dto/create-notifier.dto';
import type { SmtpSettingsViewDto } from './dto/notifier.dto';
import type { NotifierEntity, NotifierType, SmtpSecurity } from './notifier.entity';

const DEFAULT_PORTS: Record<SmtpSecurity, number> = { none: 25, starttls: 587, tls: 465 };

/** The stored form: the `smtp_*` columns of a notifier, the password encrypted. */
export type SmtpColumns = Pick<
  NotifierEntity,
  'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'smtpUsername' | 'smtpPassword' | 'smtpFrom'
>;

/** The columns of a notifier without SMTP settings. */
export const NO_SMTP: SmtpColumns = {
  smtpHost: null,
  smtpPort: null,
  smtpSecurity: null,
  smtpUsername: null,
  smtpPassword: null,
  smtpFrom: null,
};

/** The SMTP settings as the mailer takes them, the password decrypted. */
export interface SmtpForDelivery {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
  from: string;
}

/** How passwords are written: encrypted, and kept ones written again with the current key. */
export interface SmtpPasswordCrypto {
  encrypt: (plain: string) => string;
  keep: (stored: string | null) => string | null;
}

/**
 * The columns for the new definition. `input` replaces the stored settings as a whole, except
 * that a left-out password keeps the stored one while a username is given; problems go to
 * `errors`.
 */
export function smtpColumnsFor(
  type: NotifierType,
  input: SmtpSettingsDto | undefined,
  stored: SmtpColumns | null,
  crypto: SmtpPasswordCrypto,
  errors: FieldErrorDto[],
): SmtpColumns {
  if (type !== 'SMTP') return { ...NO_SMTP };
  if (!input) {
    if (stored?.smtpHost) {
      return { ...smtpColumnsOf(stored), smtpPassword: crypto.keep(stored.smtpPassword) };
    }
    errors.push({ field: 'smtp', message: 'smtp is required when type is SMTP' });
    return { ...NO_SMTP };
  }
  const security = input.security ?? 'starttls';
  const username = input.username ?? null;
  let password: string | null = null;
  if (input.password !== undefined) {
    if (!username) {
      errors.push({ field: 'smtp.username', message: 'username is required with a password' });
    }
    password = crypto.encrypt(input.password);
  } else if (username && stored?.smtpPassword) {
    password = crypto.keep(stored.smtpPassword);
  } else if (username) {
    errors.push({ field: 'smtp.password', message: 'password is required with a username' });
  }
  return {
    smtpHost: input.host,
    smtpPort: input.port ?? DEFAULT_PORTS[security],
    smtpSecurity: security,
    smtpUsername: username,
    smtpPassword: password,
    smtpFrom: input.from,
  };
}

function smtpColumnsOf(c: SmtpColumns): SmtpColumns {
  const { smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, smtpFrom } = c;
  return { smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, smtpFrom };
}

/** The settings that every SMTP notifier has, or null when they are not stored. */
function serverOf(c: SmtpColumns): Omit<SmtpForDelivery, 'username' | 'password'> | null {
  return c.smtpHost && c.smtpPort && c.smtpSecurity && c.smtpFrom
    ? { host: c.smtpHost, port: c.smtpPort, security: c.smtpSecurity, from: c.smtpFrom }
    : null;
}

/** The settings as answered: `hasPassword` instead of the password; undefined without them. */
export function smtpView(c: SmtpColumns): SmtpSettingsViewDto | undefined {
  const server = serverOf(c);
  if (!server) return undefined;
  return {
    host: server.host,
    port: server.port,
    security: server.security,
    ...(c.smtpUsername ? { username: c.smtpUsername } : {}),
    hasPassword: Boolean(c.smtpPassword),
    from: server.from,
  };
}

/** The settings for the mailer; throws when the stored password cannot be decrypted. */
export function smtpForDelivery(
  c: SmtpColumns,
  decrypt: (stored: string) => string,
): SmtpForDelivery | null {
  const password = c.smtpPassword ? decrypt(c.smtpPassword) : null;
  const server = serverOf(c);
  return server && { ...server, username: c.smtpUsername, password };
}
