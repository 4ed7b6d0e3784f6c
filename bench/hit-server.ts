/**
 * The target server of the cluster benchmark, run as a process of its own so that its clock is
 * not held up by the bench's own work: it answers 200 to every request and records when each
 * target (`/t/<n>`) is hit. Asked `mark`, it forgets what it recorded; asked `report`, it
 * answers the figures of the hits since (HitFigures).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bench asks of the server. */
export type HitRequest = { cmd: 'mark' } | { cmd: 'report'; periodMs: number };

/** The hits since the last `mark`. */
export interface HitFigures {
  seconds: number;
  hits: number;
  /** Targets hit at least once. */
  targetsHit: number;
  /** Intervals between two hits of one target. */
  intervals: number;
  /** How far an interval is from the period, in ms. */
  jitterP50: number;
  jitterP99: number;
  jitterMax: number;
  /** Intervals shorter than half the period: a target probed twice (by two instances). */
  short: number;
  /** Intervals longer than one and a half periods: a probe missed. */
  long: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function figures(hits: Map<number, number[]>, since: number, periodMs: number): HitFigures {
  let count = 0;
  let intervals = 0;
  for (const times of hits.values()) {
    count += times.length;
    intervals += Math.max(0, times.length - 1);
  }
  const jitter = new Float64Array(intervals);
  let k = 0;
  let short = 0;
  let long = 0;
  for (const times of hits.values()) {
    for (let i = 1; i < times.length; i++) {
      const interval = times[i] - times[i - 1];
      jitter[k++] = Math.abs(interval - periodMs);
      if (interval < periodMs / 2) short++;
      if (interval > periodMs * 1.5) long++;
    }
  }
  jitter.sort();
  return {
    seconds: (performance.now() - since) / 1000,
    hits: count,
    targetsHit: hits.size,
    intervals,
    jitterP50: percentile(jitter, 50),
    jitterP99: percentile(jitter, 99),
    jitterMax: jitter.length ? jitter[jitter.length - 1] : NaN,
    short,
    long,
  };
}

function serve(): void {
  let hits = new Map<number, number[]>();
  let since = performance.now();
  const server = createServer((req, res) => {
    const at = performance.now();
    const match = /^\/t\/(\d+)/.exec(req.url ?? '');
    if (match) {
      const target = Number(match[1]);
      const times = hits.get(target);
      if (times) times.push(at);
      else hits.set(target, [at]);
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  server.keepAliveTimeout = 60_000;
  process.on('message', (message: HitRequest) => {
    if (message.cmd === 'mark') {
      hits = new Map();
      since = performance.now();
      process.send?.('marked');
    } else {
      process.send?.(figures(hits, since, message.periodMs));
    }
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
}

if (require.main === module) serve();
