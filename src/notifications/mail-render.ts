import type { TargetStateChangedEvent } from '../probing/state-changed.event';
import type { NotificationKind } from './notification.entity';

export interface RenderedMail {
  kind: NotificationKind;
  subject: string;
  text: string;
  html: string;
}

/** The URL as shown in a mail: any user name and password in it are left out. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** "3 h 2 min 5 s" for a number of milliseconds. */
export function formatDuration(ms: number): string {
  let seconds = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds || parts.length === 0) parts.push(`${seconds} s`);
  return parts.join(' ');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Keeps the subject on one line whatever the target's name holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

type Section = [title: string, rows: [label: string, value: string][]];

export function kindOf(event: TargetStateChangedEvent): NotificationKind {
  return event.change.to === 'FAIL' ? 'FAIL' : 'RECOVERED';
}

/** `[vigil] FAIL shop`, on one line whatever the name holds. */
export function subjectOf(kind: NotificationKind | 'TEST', name: string): string {
  return `[vigil] ${kind} ${oneLine(name)}`;
}

/** The change in one sentence: `Target "shop" is failing: …` or `… has recovered after 5 min.` */
export function headlineOf(event: TargetStateChangedEvent, failingSince: Date | null): string {
  const { target, result } = event;
  if (kindOf(event) === 'FAIL') return `Target "${target.name}" is failing: ${result.description}`;
  const after = failingSince
    ? ` after failing for ${formatDuration(result.startedAt.getTime() - failingSince.getTime())}`
    : '';
  return `Target "${target.name}" has recovered${after}.`;
}

/**
 * The FAIL or RECOVERED mail for a change of a target's state: subject, plain text and HTML.
 * Holds the target's definition without any secret (no password, headers or body; the auth type
 * only), the probe result and the counters. `failingSince` (recoveries) is when the failure began.
 */
export function renderStateChangeMail(
  event: TargetStateChangedEvent,
  failingSince: Date | null,
): RenderedMail {
  const { target, result, change } = event;
  const kind = kindOf(event);
  const subject = subjectOf(kind, target.name);
  const headline = headlineOf(event, failingSince);
  const sections: Section[] = [
    [
      'Target',
      [
        ['Name', target.name],
        ['URL', displayUrl(target.url)],
        ['Method', target.method],
        ['Auth', target.authType],
        ['Frequency', `${target.frequencySeconds} s`],
        ['Timeout', `${target.timeoutSeconds} s`],
        ['Expected status', String(target.expectedStatus)],
      ],
    ],
    [
      'Result',
      [
        ['Status', `${result.status} (was ${change.from})`],
        ['Description', result.description],
        ['HTTP status', result.httpStatus === null ? 'none' : String(result.httpStatus)],
        ['Response time', `${Math.round(result.responseTimeMs)} ms`],
        ['Time', result.startedAt.toISOString()],
        ...(kind === 'RECOVERED' && failingSince
          ? ([
              ['Failing since', failingSince.toISOString()],
              ['Failing for', formatDuration(result.startedAt.getTime() - failingSince.getTime())],
            ] as [string, string][])
          : []),
      ],
    ],
    [
      'Counters',
      [
        ['Passed', String(target.passCount)],
        ['Failed', String(target.failCount)],
        ['Failed in a row', String(target.repeatedFailCount)],
        ['2xx', String(target.status2xxCount)],
        ['3xx', String(target.status3xxCount)],
        ['4xx', String(target.status4xxCount)],
        ['5xx', String(target.status5xxCount)],
        ['Network failures', String(target.networkFailCount)],
      ],
    ],
  ];

  const text = [
    headline,
    '',
    ...sections.flatMap(([title, rows]) => [
      `${title}:`,
      ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(18)} ${value}`),
      '',
    ]),
    '-- vigil',
    '',
  ].join('\n');

  const colour = kind === 'FAIL' ? '#b00020' : '#1b7f3b';
  const html = [
    '<!DOCTYPE html>',
    '<html><body style="font-family: sans-serif">',
    `<h2 style="color: ${colour}">${escapeHtml(headline)}</h2>`,
    ...sections.map(
      ([title, rows]) =>
        `<h3>${escapeHtml(title)}</h3>\n<table cellpadding="3">\n` +
        rows
          .map(
            ([label, value]) =>
              `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
          )
          .join('\n') +
        '\n</table>',
    ),
    '<p style="color: #666">-- vigil</p>',
    '</body></html>',
    '',
  ].join('\n');

  return { kind, subject, text, html };
}

/** The test mail of `POST /api/v1/notifiers/{id}/test`. */
export function renderTestMail(notifierName: string, now: Date): Omit<RenderedMail, 'kind'> {
  const line = `This is a test mail from vigil for notifier "${notifierName}", sent ${now.toISOString()}.`;
  return {
    subject: subjectOf('TEST', notifierName),
    text: `${line}\n\n-- vigil\n`,
    html: `<!DOCTYPE html>\n<html><body><p>${escapeHtml(line)}</p><p>-- vigil</p></body></html>\n`,
  };
}
