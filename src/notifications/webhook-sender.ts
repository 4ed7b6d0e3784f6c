import { STATUS_CODES } from 'node:http';
import { Injectable } from '@nestjs/common';
import { request } from 'undici';
import { AppConfig } from '../app.config';
import type { NotifierForDelivery } from '../notifiers/notifiers.service';
import type { WebhookEventDto } from '../notifiers/dto/webhook-event.dto';
import { renderWebhookBody } from './webhook-render';

/** The most of a refusing receiver's answer kept in the error. */
const ANSWER_CHARS = 200;

/**
 * The most of that answer read: far more than is kept, so that a secret the receiver repeats is
 * read whole and scrubbed before the answer is cut (a secret is at most 4096 characters).
 */
const ANSWER_READ_CHARS = 16_384;

/** What the receiver answered to an accepted event. */
export interface WebhookAccepted {
  /** The HTTP status (2xx). */
  status: number;
  /** `200 OK` */
  response: string;
}

/**
 * A failed post: no answer, or an answer other than 2xx. The message never holds the URL's path
 * or query nor a header value (they are secret); the receiver's origin may appear.
 */
export class WebhookSendError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
    this.name = 'WebhookSendError';
  }
}

/** The secret parts of a webhook, longest first: what an error message must not repeat. */
function secretsOf(webhook: NonNullable<NotifierForDelivery['webhook']>): string[] {
  const found = new Set<string>([webhook.url, ...Object.values(webhook.headers)]);
  try {
    const u = new URL(webhook.url);
    for (const part of [u.href, u.pathname + u.search, u.pathname, u.search, u.hash]) {
      if (part.length > 1) found.add(part);
    }
    for (const part of [...found]) {
      try {
        found.add(decodeURIComponent(part));
      } catch {
        // not percent-encoded text: nothing to add
      }
    }
  } catch {
    // an invalid URL is only ever met as a whole
  }
  return [...found].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `[redacted]`, on one line. */
export function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out.replace(/\s+/g, ' ').trim();
}

/** The first ANSWER_READ_CHARS characters of an answer's body; the rest is not read. */
async function answerOf(body: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length >= ANSWER_READ_CHARS) break;
  }
  return text.slice(0, ANSWER_READ_CHARS);
}

/** Why a post failed, in words, before the secrets are scrubbed. */
function describe(err: unknown, timeoutMs: number): string {
  const e = err as Error & { code?: string; cause?: unknown };
  const timedOut = ['TimeoutError', 'AbortError'].includes(e?.name ?? '');
  if (timedOut || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT') {
    return `timeout: no answer within ${timeoutMs} ms`;
  }
  const parts = [e?.code, e?.message ?? String(err)];
  const cause = e?.cause as (Error & { code?: string }) | undefined;
  if (cause?.message) parts.push(`(${cause.code ? `${cause.code}: ` : ''}${cause.message})`);
  return parts.filter(Boolean).join(': ');
}

/**
 * Posts events to webhook receivers through undici: one POST per attempt, no redirects followed,
 * the whole exchange within VIGIL_NOTIFY_WEBHOOK_TIMEOUT_MS. Only a 2xx answer is a delivery.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  async send(notifier: NotifierForDelivery, doc: WebhookEventDto): Promise<WebhookAccepted> {
    const webhook = notifier.webhook;
    if (!webhook) {
      throw new WebhookSendError(`notifier ${notifier.id} has no webhook settings`, null);
    }
    const timeoutMs = this.config.notifications.webhookTimeoutMs;
    const secrets = secretsOf(webhook);
    let status: number;
    let answer: string;
    try {
      const res = await request(webhook.url, {
        method: 'POST',
        headers: {
          ...webhook.headers,
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'vigil',
          'x-vigil-event-id': doc.id,
        },
        body: renderWebhookBody(webhook.format, doc),
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      // a refusal's words help; an acceptance's body is not waited for
      answer = status < 200 || status > 299 ? await answerOf(res.body) : '';
      // the rest of the body is not wanted: dropped, and the abort that reports is expected
      res.body.on('error', () => undefined).destroy();
    } catch (err) {
      throw new WebhookSendError(scrub(describe(err, timeoutMs), secrets), null);
    }
    const response = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
    if (status < 200 || status > 299) {
      const said = scrub(answer, secrets).slice(0, ANSWER_CHARS);
      throw new WebhookSendError(`HTTP ${response}${said ? `: ${said}` : ''}`, status);
    }
    return { status, response };
  }
}
