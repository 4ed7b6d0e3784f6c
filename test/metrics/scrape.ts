import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { basicAuth, TEST_USERS } from '../support/app';

/** One sample of a scrape: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape of `GET /metrics`, parsed. */
export interface Scrape {
  text: string;
  samples: Sample[];
  /** Each family's type, as `# TYPE` declares it. */
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export function parseScrape(text: string): Scrape {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line);
      if (type) types.set(type[1], type[2]);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (m[2] ?? '').matchAll(LABEL)) labels[name] = unescape(value);
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { text, samples, types };
}

/** The samples of `name` whose labels include `labels`. */
export function samplesOf(s: Scrape, name: string, labels: Record<string, string> = {}): Sample[] {
  return s.samples.filter(
    (x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v),
  );
}

/** The sum of the samples of `name` whose labels include `labels`; 0 when there are none. */
export function valueOf(s: Scrape, name: string, labels: Record<string, string> = {}): number {
  return samplesOf(s, name, labels).reduce((sum, x) => sum + x.value, 0);
}

/** Scrapes `GET /metrics` of the app at `url` as the viewer. */
export async function scrape(url: string): Promise<Scrape> {
  const res = await request(url).get('/metrics').set('authorization', basicAuth(TEST_USERS.viewer));
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${res.text}`);
  return parseScrape(res.text);
}

/** Scrapes until `check` holds of a scrape, for at most `ms`; answers that scrape. */
export async function scrapeUntil(
  url: string,
  what: string,
  check: (s: Scrape) => boolean,
  ms = 10_000,
): Promise<Scrape> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await scrape(url);
    if (check(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether promtool (Debian's prometheus) is installed. */
export function hasPromtool(): boolean {
  return spawnSync('sh', ['-c', 'command -v promtool'], { stdio: 'ignore' }).status === 0;
}

/**
 * `it` for a test that needs promtool: without it, skipped with a loud warning, except under
 * CI=true, where that fails the run.
 */
export function itWithPromtool(name: string, body: () => Promise<void>, timeout?: number): void {
  if (hasPromtool()) {
    it(name, body, timeout);
    return;
  }
  if (process.env.CI === 'true') {
    it(name, () => {
      throw new Error('CI=true but promtool is not installed (Debian package prometheus)');
    });
    return;
  }
  console.warn(`\n*** promtool is not installed: SKIPPING "${name}" (install prometheus) ***\n`);
  it.skip(name, body);
}

/** Runs promtool; answers its output, or throws with it when promtool exits non-zero. */
export function promtool(args: string[], input?: string): string {
  const result = spawnSync('promtool', args, { input, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`promtool ${args.join(' ')} exited ${result.status}:\n${output}`);
  }
  return output;
}
