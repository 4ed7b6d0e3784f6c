import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatEventLine, formatProbeLine, linePrefix, maskUrl, ProbeLog } from './probe-log';
import type { ProbeResult } from './probe-spec';

const result = (over: Partial<ProbeResult> = {}): ProbeResult => ({
  status: 'FAIL',
  httpStatus: 503,
  responseTimeMs: 41.6,
  description: 'target status:503 != 200',
  networkFailure: false,
  startedAt: new Date('2026-11-21T10:00:00.000Z'),
  steps: [],
  redirects: 0,
  finalUrl: null,
  certificateExpiresAt: null,
  ...over,
});

describe('probe log', () => {
  it('writes the documented line format', () => {
    const line = formatProbeLine(
      linePrefix({
        id: 12,
        name: 'billing-api',
        method: 'GET',
        url: 'https://bob:hunter2@billing.example/health?x=1&token=t0k',
      }),
      result(),
    );
    expect(line).toBe(
      '2026-11-21T10:00:00.000Z ERROR [12] billing-api                    GET https://***@billing.example/health?x=1&token=*** FAIL (target status:503 != 200) 42ms',
    );
    expect(
      formatProbeLine(
        linePrefix({ id: 1, name: 'a', method: 'HEAD', url: 'http://h/' }),
        result({ status: 'PASS', description: 'OK' }),
      ),
    ).toMatch(/^\S+ INFO {2}\[1\] a {30}HEAD http:\/\/h\/ PASS \(OK\) 42ms$/);
  });

  it('writes one JSON object a line with VIGIL_PROBE_LOG_FORMAT=json, hostile names included', () => {
    const target = { id: 7, name: 'a "quoted"\nname', method: 'GET', url: 'https://u:p@h/x?key=s' };
    const line = formatProbeLine(linePrefix(target, 'json'), result(), 'json');
    expect(JSON.parse(line)).toEqual({
      time: '2026-11-21T10:00:00.000Z',
      level: 'ERROR',
      event: 'probe',
      targetId: 7,
      target: 'a "quoted"\nname',
      method: 'GET',
      url: 'https://***@h/x?key=***',
      status: 'FAIL',
      description: 'target status:503 != 200',
      responseTimeMs: 42,
    });
  });

  it('writes start, stop and notification attempts as skypunch did, in text and JSON', () => {
    const at = new Date('2026-11-21T10:00:00.000Z');
    expect(formatEventLine({ event: 'start', message: 'starting vigil' }, 'text', at)).toBe(
      '2026-11-21T10:00:00.000Z INFO  starting vigil',
    );
    const attempt = {
      event: 'notification',
      notifier: 'ops',
      target: 'web',
      kind: 'FAIL',
    } as const;
    expect(formatEventLine({ ...attempt, outcome: 'sent' }, 'text', at)).toBe(
      '2026-11-21T10:00:00.000Z INFO  notifying ops of web FAIL: sent',
    );
    const failed = { ...attempt, outcome: 'failed', error: '535 auth\nfailed' } as const;
    expect(formatEventLine(failed, 'text', at)).toBe(
      '2026-11-21T10:00:00.000Z ERROR notifying ops of web FAIL: failed (535 auth failed)',
    );
    expect(JSON.parse(formatEventLine(failed, 'json', at))).toEqual({
      time: '2026-11-21T10:00:00.000Z',
      level: 'ERROR',
      ...failed,
    });
  });

  it('masks credentials in URLs', () => {
    expect(maskUrl('https://bob:hunter2@api.example/x?token=abc&page=2&api_key=k9')).toBe(
      'https://***@api.example/x?token=***&page=2&api_key=***',
    );
    expect(maskUrl('not a url://u:p@h')).not.toContain('u:p');
  });

  it('rotates by size without losing or splitting a line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-probelog-'));
    const file = join(dir, 'probe.log');
    const log = new ProbeLog({ file, maxBytes: 2000, keep: 50 });
    const prefix = linePrefix({ id: 3, name: 'svc', method: 'GET', url: 'http://svc/' });
    for (let i = 0; i < 300; i++) {
      log.write(prefix, result({ description: `probe ${i}` }));
    }
    await log.close();
    const files = readdirSync(dir).sort();
    expect(files.length).toBeGreaterThan(5);
    const lines = files.flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2000);
      expect(text.endsWith('\n')).toBe(true);
      return text.split('\n').filter(Boolean);
    });
    const numbers = lines.map((l) => Number(/\(probe (\d+)\)/.exec(l)![1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i));
    // the newest lines are in the live file, the oldest in the highest generation
    expect(readFileSync(file, 'utf8')).toContain('(probe 299)');
  });
});
