import type { FieldErrorDto } from '../common/problem.dto';
import { NO_WEBHOOK, webhookColumnsFor, webhookForDelivery, webhookView } from './notifier-webhook';

/** Stands for the SecretBox: `enc(x)`, and `kept(…)` for a stored value kept. */
const crypto = {
  encrypt: (plain: string) => `enc(${plain})`,
  keep: (stored: string | null) => (stored === null ? null : `kept(${stored})`),
};
const decrypt = (stored: string) => stored.replace(/^(kept\()*enc\((.*)\)\)*$/, '$2');

describe('webhookColumnsFor', () => {
  const url = 'https://hooks.example/services/T1/B2/xyz';

  it('stores the URL and the headers encrypted and the header names plain', () => {
    const errors: FieldErrorDto[] = [];
    const columns = webhookColumnsFor(
      'WEBHOOK',
      { url, headers: { Authorization: 'Bearer t' }, format: 'slack' },
      null,
      crypto,
      errors,
    );
    expect(errors).toEqual([]);
    expect(columns).toEqual({
      webhookUrl: `enc(${url})`,
      webhookHeaders: 'enc({"Authorization":"Bearer t"})',
      webhookHeaderNames: ['Authorization'],
      webhookFormat: 'slack',
    });
    expect(webhookView(columns, decrypt)).toEqual({
      origin: 'https://hooks.example',
      headerNames: ['Authorization'],
      format: 'slack',
    });
    expect(webhookForDelivery(columns, decrypt)).toEqual({
      url,
      headers: { Authorization: 'Bearer t' },
      format: 'slack',
    });
  });

  it('keeps a stored URL and headers left out, and replaces the rest (format json by default)', () => {
    const stored = {
      webhookUrl: `enc(${url})`,
      webhookHeaders: 'enc({"X":"y"})',
      webhookHeaderNames: ['X'],
      webhookFormat: 'slack' as const,
    };
    const errors: FieldErrorDto[] = [];
    expect(webhookColumnsFor('WEBHOOK', {}, stored, crypto, errors)).toEqual({
      webhookUrl: `kept(enc(${url}))`,
      webhookHeaders: 'kept(enc({"X":"y"}))',
      webhookHeaderNames: ['X'],
      webhookFormat: 'json',
    });
    expect(webhookColumnsFor('WEBHOOK', { headers: {} }, stored, crypto, errors)).toMatchObject({
      webhookHeaders: null,
      webhookHeaderNames: null,
    });
    expect(webhookColumnsFor('WEBHOOK', undefined, stored, crypto, errors)).toMatchObject({
      webhookUrl: `kept(enc(${url}))`,
      webhookFormat: 'slack',
    });
    expect(errors).toEqual([]);
  });

  it('needs a URL when none is stored, and clears everything for another type', () => {
    const errors: FieldErrorDto[] = [];
    webhookColumnsFor('WEBHOOK', { format: 'teams' }, null, crypto, errors);
    webhookColumnsFor('WEBHOOK', undefined, null, crypto, errors);
    expect(errors).toEqual([
      { field: 'webhook.url', message: 'url is required' },
      { field: 'webhook', message: 'webhook is required when type is WEBHOOK' },
    ]);
    const stored = { ...NO_WEBHOOK, webhookUrl: 'enc(x)', webhookFormat: 'json' as const };
    expect(webhookColumnsFor('SMTP', undefined, stored, crypto, [])).toEqual(NO_WEBHOOK);
  });
});
