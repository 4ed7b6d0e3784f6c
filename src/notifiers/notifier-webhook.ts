/**
 * A notifier's webhook settings in every form they take: the request (`WebhookSettingsDto`), the
 * stored `webhook_*` columns (URL and header values encrypted), the view answered
 * (`WebhookSettingsViewDto`: the URL's origin and the header names only) and what the sender needs
 * (`WebhookForDelivery`, decrypted). Plain TypeScript, no Nest.
 */
import type { FieldErrorDto } from '../common/problem.dto';
import type { WebhookSettingsDto } from './dto/create-notifier.dto';
import type { WebhookSettingsViewDto } from './dto/notifier.dto';
import type { NotifierEntity, NotifierType, WebhookFormat } from './notifier.entity';

/** The stored form: the `webhook_*` columns of a notifier. */
export type WebhookColumns = Pick<
  NotifierEntity,
  'webhookUrl' | 'webhookHeaders' | 'webhookHeaderNames' | 'webhookFormat'
>;

/** The columns of a notifier without webhook settings. */
export const NO_WEBHOOK: WebhookColumns = {
  webhookUrl: null,
  webhookHeaders: null,
  webhookHeaderNames: null,
  webhookFormat: null,
};

/** The webhook settings as the sender takes them, decrypted. */
export interface WebhookForDelivery {
  url: string;
  headers: Record<string, string>;
  format: WebhookFormat;
}

/** How secrets are written: encrypted, and kept ones written again with the current key. */
export interface WebhookCrypto {
  encrypt: (plain: string) => string;
  keep: (stored: string | null) => string | null;
}

/**
 * The columns for the new definition. `input` replaces the stored settings as a whole, except
 * that a left-out `url` or `headers` keeps the stored one; problems go to `errors`.
 */
export function webhookColumnsFor(
  type: NotifierType,
  input: WebhookSettingsDto | undefined,
  stored: WebhookColumns | null,
  crypto: WebhookCrypto,
  errors: FieldErrorDto[],
): WebhookColumns {
  if (type !== 'WEBHOOK') return { ...NO_WEBHOOK };
  const storedUrl = stored?.webhookUrl ? stored : null;
  if (!input) {
    if (storedUrl) return { ...webhookColumnsOf(storedUrl), ...kept(storedUrl, crypto) };
    errors.push({ field: 'webhook', message: 'webhook is required when type is WEBHOOK' });
    return { ...NO_WEBHOOK };
  }
  let url: string | null = null;
  if (input.url !== undefined) url = crypto.encrypt(input.url);
  else if (storedUrl) url = crypto.keep(storedUrl.webhookUrl);
  else errors.push({ field: 'webhook.url', message: 'url is required' });

  let headers: Pick<WebhookColumns, 'webhookHeaders' | 'webhookHeaderNames'>;
  if (input.headers !== undefined) {
    const names = Object.keys(input.headers);
    headers = {
      webhookHeaders: names.length ? crypto.encrypt(JSON.stringify(input.headers)) : null,
      webhookHeaderNames: names.length ? names : null,
    };
  } else if (storedUrl) {
    headers = {
      webhookHeaders: crypto.keep(storedUrl.webhookHeaders),
      webhookHeaderNames: storedUrl.webhookHeaderNames,
    };
  } else headers = { webhookHeaders: null, webhookHeaderNames: null };

  return { webhookUrl: url, ...headers, webhookFormat: input.format ?? 'json' };
}

function webhookColumnsOf(c: WebhookColumns): WebhookColumns {
  const { webhookUrl, webhookHeaders, webhookHeaderNames, webhookFormat } = c;
  return { webhookUrl, webhookHeaders, webhookHeaderNames, webhookFormat };
}

function kept(c: WebhookColumns, crypto: WebhookCrypto): Partial<WebhookColumns> {
  return { webhookUrl: crypto.keep(c.webhookUrl), webhookHeaders: crypto.keep(c.webhookHeaders) };
}

/** Scheme, host and port of a URL: what may be shown of a webhook URL. */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * The settings as answered: the URL's origin and the header names; undefined without them.
 * `decrypt` opens the stored URL; when it cannot, the origin is answered as unknown.
 */
export function webhookView(
  c: WebhookColumns,
  decrypt: (stored: string) => string,
): WebhookSettingsViewDto | undefined {
  if (!c.webhookUrl || !c.webhookFormat) return undefined;
  let origin: string;
  try {
    origin = urlOrigin(decrypt(c.webhookUrl));
  } catch {
    origin = 'unknown (the stored URL cannot be decrypted)';
  }
  return { origin, headerNames: c.webhookHeaderNames ?? [], format: c.webhookFormat };
}

/** The settings for the sender; throws when a stored secret cannot be decrypted. */
export function webhookForDelivery(
  c: WebhookColumns,
  decrypt: (stored: string) => string,
): WebhookForDelivery | null {
  if (!c.webhookUrl || !c.webhookFormat) return null;
  const headers = c.webhookHeaders
    ? (JSON.parse(decrypt(c.webhookHeaders)) as Record<string, string>)
    : {};
  return { url: decrypt(c.webhookUrl), headers, format: c.webhookFormat };
}
