import type { WebhookEventDto } from '../notifiers/dto/webhook-event.dto';
import { renderWebhookBody } from './webhook-render';

const HOSTILE = '<b>&$`$&</script>';

const fail: WebhookEventDto = {
  id: 'notification-1.2',
  event: 'FAIL',
  summary: `Target "${HOSTILE}" is failing: target status:500 != 200`,
  time: '2026-01-02T03:04:05.006Z',
  target: {
    id: 7,
    name: HOSTILE,
    url: 'http://shop.example/health',
    method: 'GET',
    authType: 'NONE',
    expectedStatus: 200,
    frequencySeconds: 60,
    timeoutSeconds: 10,
  },
  result: {
    status: 'FAIL',
    previousStatus: 'PASS',
    description: 'target status:500 != 200',
    httpStatus: 500,
    responseTimeMs: 12,
    startedAt: '2026-01-02T03:04:05.006Z',
  },
};

describe('renderWebhookBody', () => {
  it('posts the document itself as json', () => {
    expect(JSON.parse(renderWebhookBody('json', fail))).toEqual(fail);
  });

  it("escapes &, < and > in Slack's text, and nothing else", () => {
    const { text } = JSON.parse(renderWebhookBody('slack', fail)) as { text: string };
    expect(text.split('\n')).toEqual([
      '[vigil] FAIL &lt;b&gt;&amp;$`$&amp;&lt;/script&gt;',
      'Target "&lt;b&gt;&amp;$`$&amp;&lt;/script&gt;" is failing: target status:500 != 200',
      'URL: GET http://shop.example/health',
      'Status: FAIL (was PASS)',
      'HTTP status: 500',
      'Response time: 12 ms',
      'Time: 2026-01-02T03:04:05.006Z',
    ]);
  });

  it('says how long a recovered target failed', () => {
    const recovered: WebhookEventDto = {
      ...fail,
      event: 'RECOVERED',
      failingSince: '2026-01-02T02:59:05.006Z',
    };
    const { text } = JSON.parse(renderWebhookBody('slack', recovered)) as { text: string };
    expect(text).toContain('\nFailing for: 5 min');
  });

  it('posts a Teams message with an Adaptive Card holding the names as given', () => {
    const body = JSON.parse(renderWebhookBody('teams', fail)) as {
      type: string;
      attachments: { contentType: string; content: { type: string; body: unknown[] } }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.attachments[0].content.body).toEqual([
      expect.objectContaining({ text: `[vigil] FAIL ${HOSTILE}`, color: 'Attention' }),
      expect.objectContaining({ text: fail.summary }),
      expect.objectContaining({
        type: 'FactSet',
        facts: expect.arrayContaining([{ title: 'HTTP status', value: '500' }]) as unknown,
      }),
    ]);
  });
});
