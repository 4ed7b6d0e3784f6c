import type { TargetStateChangedEvent } from '../probing/state-changed.event';
import type { WebhookEventDto } from '../notifiers/dto/webhook-event.dto';
import type { WebhookForDelivery } from '../notifiers/notifier-webhook';
import { expectedStatusView } from '../targets/expected-status';
import { displayUrl, formatDuration, headlineOf, kindOf, subjectOf } from './mail-render';

/** The body formats a webhook notifier posts (see WebhookSettingsDto.format). */
export type WebhookBodyFormat = WebhookForDelivery['format'];

/** The event document as stored with a delivery: everything but its id. */
export type StoredWebhookEvent = Omit<WebhookEventDto, 'id'>;

/**
 * The FAIL or RECOVERED event of a change of a target's state, for webhooks: the target's
 * definition without any secret (as the mail has it), the probe result and the counters.
 * `failingSince` (recoveries) is when the failure began.
 */
export function renderStateChangeEvent(
  event: TargetStateChangedEvent,
  failingSince: Date | null,
): StoredWebhookEvent {
  const { target, result, change } = event;
  const kind = kindOf(event);
  return {
    event: kind,
    summary: headlineOf(event, failingSince),
    time: result.startedAt.toISOString(),
    target: {
      id: target.id,
      name: target.name,
      url: displayUrl(target.url),
      method: target.method,
      authType: target.authType,
      expectedStatus: expectedStatusView(target.expectedStatus),
      frequencySeconds: target.frequencySeconds,
      timeoutSeconds: target.timeoutSeconds,
    },
    result: {
      status: result.status,
      previousStatus: change.from,
      description: result.description,
      httpStatus: result.httpStatus,
      responseTimeMs: Math.round(result.responseTimeMs),
      startedAt: result.startedAt.toISOString(),
    },
    counters: {
      passCount: target.passCount,
      failCount: target.failCount,
      repeatedFailCount: target.repeatedFailCount,
      status2xxCount: target.status2xxCount,
      status3xxCount: target.status3xxCount,
      status4xxCount: target.status4xxCount,
      status5xxCount: target.status5xxCount,
      networkFailCount: target.networkFailCount,
    },
    ...(kind === 'RECOVERED' ? { failingSince: failingSince?.toISOString() ?? null } : {}),
  };
}

/** The event of `POST /api/v1/notifiers/{id}/test`. */
export function renderTestEvent(notifierName: string, now: Date): WebhookEventDto {
  return {
    id: `test-${now.getTime()}`,
    event: 'TEST',
    summary: `This is a test notification from vigil for notifier "${notifierName}".`,
    time: now.toISOString(),
  };
}

/**
 * The event of a delivery stored before webhooks existed (no event document): what its row
 * tells, the subject and the mail's text.
 */
export function fallbackEvent(row: {
  kind: 'FAIL' | 'RECOVERED';
  subject: string;
  text: string;
  createdAt: Date;
}): StoredWebhookEvent {
  return {
    event: row.kind,
    summary: row.text.split('\n')[0] || row.subject,
    time: row.createdAt.toISOString(),
  };
}

/** The lines of facts the chat formats show, label and value. */
function factsOf(doc: WebhookEventDto): [label: string, value: string][] {
  const { target, result } = doc;
  if (!target || !result) return [];
  const facts: [string, string][] = [
    ['URL', `${target.method} ${target.url}`],
    ['Status', `${result.status} (was ${result.previousStatus})`],
    ['HTTP status', result.httpStatus === null ? 'none' : String(result.httpStatus)],
    ['Response time', `${result.responseTimeMs} ms`],
    ['Time', result.startedAt],
  ];
  if (doc.failingSince) {
    const ms = Date.parse(result.startedAt) - Date.parse(doc.failingSince);
    facts.push(['Failing since', doc.failingSince], ['Failing for', formatDuration(ms)]);
  }
  return facts;
}

/** Text for Slack's `text`: `&`, `<` and `>` escaped as Slack asks, so no name becomes a link. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function titleOf(doc: WebhookEventDto): string {
  return subjectOf(doc.event, doc.target?.name ?? '').trimEnd();
}

/**
 * The body posted for an event in a format: `json` the document itself; `slack` a Slack or
 * Mattermost incoming-webhook message (`text`); `teams` a message with an Adaptive Card
 * (attachments), as Teams workflows take it.
 */
export function renderWebhookBody(format: WebhookBodyFormat, doc: WebhookEventDto): string {
  if (format === 'json') return JSON.stringify(doc);
  const facts = factsOf(doc);
  if (format === 'slack') {
    const lines = [
      titleOf(doc),
      doc.summary,
      ...facts.map(([label, value]) => `${label}: ${value}`),
    ];
    return JSON.stringify({ text: lines.map(slackEscape).join('\n') });
  }
  const colour =
    doc.event === 'FAIL' ? 'Attention' : doc.event === 'RECOVERED' ? 'Good' : 'Default';
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: titleOf(doc),
        weight: 'Bolder',
        size: 'Medium',
        color: colour,
        wrap: true,
      },
      { type: 'TextBlock', text: doc.summary, wrap: true },
      ...(facts.length
        ? [{ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) }]
        : []),
    ],
  };
  return JSON.stringify({
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  });
}
