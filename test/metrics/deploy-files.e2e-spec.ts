import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { itWithPromtool, promtool, scrape } from './scrape';

const DEPLOY = join(__dirname, '..', '..', 'deploy');

const PROMQL_KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads: its identifiers less strings, label matchers,
 * ranges, grouping labels, functions and keywords.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\()/g)) {
    // an identifier followed by `(` is a function; the lookahead stops mid-word, so check again
    const rest = bare.slice(m.index + m[0].length);
    if (/^[a-zA-Z0-9_:]/.test(rest)) continue;
    if (!PROMQL_KEYWORDS.has(m[0].toLowerCase())) names.add(m[0]);
  }
  return [...names];
}

interface Panel {
  title: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}

interface Dashboard {
  title: string;
  panels: Panel[];
  templating: { list: { type: string; query?: string | { query: string } }[] };
}

/** Every query of the dashboard: the panels' expressions and the variables' label_values. */
function queriesOf(dashboard: Dashboard): { where: string; names: string[] }[] {
  const found: { where: string; names: string[] }[] = [];
  const visit = (panels: Panel[]) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) found.push({ where: p.title, names: metricNames(t.expr) });
      visit(p.panels ?? []);
    }
  };
  visit(dashboard.panels);
  for (const v of dashboard.templating.list) {
    if (v.type !== 'query') continue;
    const query = typeof v.query === 'string' ? v.query : (v.query?.query ?? '');
    const metric = /label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,/.exec(query)?.[1];
    found.push({ where: `variable ${query}`, names: metric ? [metric] : [] });
  }
  return found;
}

describe('metricNames', () => {
  it('finds the metrics of an expression, not its functions, labels or keywords', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (instance, le) (rate(vigil_probe_schedule_lag_seconds_bucket{instance=~"$instance"}[5m]))) > 1',
      ),
    ).toEqual(['vigil_probe_schedule_lag_seconds_bucket']);
    expect(
      metricNames('count(vigil_target_up{job="vigil"} == 0) or vector(0) + up unless nodejs_x'),
    ).toEqual(['vigil_target_up', 'up', 'nodejs_x']);
  });
});

describe('deploy/ files for Prometheus and Grafana', () => {
  /** MariaDB where the tests have it: the cluster's series exist only there. */
  const kind = databaseKinds().includes('mysql') ? 'mysql' : 'sqlite';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { VIGIL_DOCS_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t?.close();
  });

  itWithPromtool('has alert rules promtool check rules accepts', async () => {
    const out = promtool(['check', 'rules', join(DEPLOY, 'prometheus', 'alerts.yml')]);
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
    await Promise.resolve();
  });

  itWithPromtool('has a scrape configuration promtool check config accepts', async () => {
    const out = promtool(['check', 'config', join(DEPLOY, 'prometheus', 'prometheus.yml')]);
    expect(out).toContain('is valid prometheus config file syntax');
    await Promise.resolve();
  });

  itWithPromtool('alerts only on series vigil exports', async () => {
    const exported = exportedNames(await scrape(t.url));
    const rules = readFileSync(join(DEPLOY, 'prometheus', 'alerts.yml'), 'utf8');
    const exprs = [...rules.matchAll(/expr: (?:\|\n)?\s*(.+)/g)].map((m) => m[1]);
    expect(exprs.length).toBeGreaterThanOrEqual(4);
    const unknown = exprs
      .flatMap(metricNames)
      .filter((n) => n !== 'up' && !exported.has(n) && !clusterOnly(n));
    expect(unknown).toEqual([]);
  });

  it('has a Grafana dashboard, valid JSON, whose every query names a series vigil exports', async () => {
    const text = readFileSync(join(DEPLOY, 'grafana', 'vigil-dashboard.json'), 'utf8');
    const dashboard = JSON.parse(text) as Dashboard;
    expect(dashboard.title).toBe('vigil');
    const queries = queriesOf(dashboard);
    expect(queries.length).toBeGreaterThanOrEqual(10);
    const exported = exportedNames(await scrape(t.url));
    const problems: string[] = [];
    for (const { where, names } of queries) {
      if (names.length === 0) problems.push(`${where}: no metric`);
      for (const name of names) {
        if (!exported.has(name) && !clusterOnly(name)) problems.push(`${where}: ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  /** The cluster's series exist only while instances share MariaDB. */
  function clusterOnly(name: string): boolean {
    return kind === 'sqlite' && name.startsWith('vigil_cluster_');
  }
});

/** The names of a scrape's series, with the `_bucket`, `_sum` and `_count` of its histograms. */
function exportedNames(s: Awaited<ReturnType<typeof scrape>>): Set<string> {
  const names = new Set<string>();
  for (const [name, type] of s.types) {
    names.add(name);
    if (type === 'histogram' || type === 'summary') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    }
  }
  return names;
}
