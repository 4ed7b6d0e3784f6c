import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A value a module gives at scrape time. */
type Reader<T> = () => T | Promise<T>;

/** A target as its series name it: id and name, never its URL. */
export interface TargetLabels {
  id: number;
  name: string;
}

/** What `vigil_target_up` says of a target's status; NEW (never probed) has no series. */
type TargetStatus = 'PASS' | 'FAIL' | 'NEW';

/** The outbox as counted at scrape time (across every instance on the database). */
export interface OutboxCounts {
  pending: number;
  dead: number;
}

/** This instance's part of the cluster. */
export interface ClusterCounts {
  members: number;
  shardsOwned: number;
}

/** A target's labels as last exported, to remove its series when it goes or is renamed. */
interface TargetSeries {
  id: string;
  name: string;
  up: number | null;
}

const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

const SHORT_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PROBE_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The Prometheus registry of this process (prom-client) and every vigil series in it. Modules
 * record through its methods, and give the values read at scrape time (outbox, recorder queue,
 * cluster) as readers. Labels are bounded: target id and name, site names, catalogued command
 * names, route templates; never URLs or other request input.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly targets = new Map<number, TargetSeries>();
  private outboxReader: Reader<OutboxCounts> | null = null;
  private recorderReader: Reader<number> | null = null;
  private clusterReader: Reader<ClusterCounts> | null = null;

  private readonly probes: Counter<'target_id' | 'target' | 'result'>;
  private readonly probeDuration: Histogram<'result'>;
  private readonly targetUp: Gauge<'target_id' | 'target'>;
  private readonly scheduleLag: Histogram;
  private readonly batchWrite: Histogram;
  private readonly siteQueries: Histogram<'site' | 'outcome'>;
  private readonly commands: Counter<'command' | 'transport' | 'outcome'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly http: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // gauges named as counters (prom-client's issue 283), which promtool refuses; the same
    // counts remain by type in nodejs_active_handles, nodejs_active_requests and
    // nodejs_active_resources
    for (const name of MISNAMED_DEFAULTS) this.registry.removeSingleMetric(name);
    this.probes = new Counter({
      name: 'vigil_probes_total',
      help: 'Probes made by this instance, by target and result (pass or fail).',
      labelNames: ['target_id', 'target', 'result'],
      registers,
    });
    this.probeDuration = new Histogram({
      name: 'vigil_probe_duration_seconds',
      help: 'Response time of the probes, by result.',
      labelNames: ['result'],
      buckets: PROBE_SECONDS,
      registers,
    });
    this.targetUp = new Gauge({
      name: 'vigil_target_up',
      help: 'Whether a target probed by this instance passes (1) or fails (0); none before its first probe.',
      labelNames: ['target_id', 'target'],
      registers,
    });
    this.scheduleLag = new Histogram({
      name: 'vigil_probe_schedule_lag_seconds',
      help: 'How late scheduled probes start against their plan.',
      buckets: SHORT_SECONDS,
      registers,
    });
    const recorder = (): Reader<number> | null => this.recorderReader;
    new Gauge({
      name: 'vigil_recorder_queue_depth',
      help: 'Probes waiting to be written to the database.',
      registers,
      async collect() {
        const read = recorder();
        if (read) this.set(await read());
      },
    });
    this.batchWrite = new Histogram({
      name: 'vigil_recorder_batch_write_seconds',
      help: 'Time to commit one batch of probe results and states.',
      buckets: SHORT_SECONDS,
      registers,
    });
    this.siteQueries = new Histogram({
      name: 'vigil_site_query_duration_seconds',
      help:
        'Livestatus and Icinga 2 API queries, by site and outcome (ok, or the kind of failure), ' +
        'until their last row is read.',
      labelNames: ['site', 'outcome'],
      buckets: SHORT_SECONDS,
      registers,
    });
    this.commands = new Counter({
      name: 'vigil_commands_total',
      help:
        'External commands sent, by name (other for commands outside the catalogue), transport ' +
        'and outcome (sent or failed).',
      labelNames: ['command', 'transport', 'outcome'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'vigil_outbox_deliveries_total',
      help:
        'Attempts of this instance at delivering notifications from the outbox, by outcome ' +
        '(sent, failed: retried later, dead: given up).',
      labelNames: ['outcome'],
      registers,
    });
    this.outboxGauge(registers);
    this.http = new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'HTTP requests served, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: SHORT_SECONDS,
      registers,
    });
  }

  /** The exposition of every series, in the Prometheus text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** A probe of a target: its result, response time and the target's status after it. */
  probed(target: TargetLabels, result: 'PASS' | 'FAIL', seconds: number, status: TargetStatus) {
    const series = this.seriesOf(target);
    this.probes.inc({ target_id: series.id, target: series.name, result: outcomeOf(result) });
    this.probeDuration.observe({ result: outcomeOf(result) }, seconds);
    this.status(series, status);
  }

  /** A target this instance starts to probe, with its stored status. */
  tracked(target: TargetLabels, status: TargetStatus): void {
    this.status(this.seriesOf(target), status);
  }

  /** A target this instance no longer probes (deleted, disabled, its shard gone): its series go. */
  untracked(targetId: number): void {
    const series = this.targets.get(targetId);
    if (!series) return;
    this.targets.delete(targetId);
    this.remove(series);
  }

  scheduledLate(seconds: number): void {
    this.scheduleLag.observe(seconds);
  }

  batchWritten(seconds: number): void {
    this.batchWrite.observe(seconds);
  }

  siteQueried(site: string, outcome: string, seconds: number): void {
    this.siteQueries.observe({ site, outcome }, seconds);
  }

  commandSent(command: string, transport: string, outcome: 'sent' | 'failed'): void {
    this.commands.inc({ command, transport, outcome });
  }

  delivered(outcome: 'sent' | 'failed' | 'dead'): void {
    this.deliveries.inc({ outcome });
  }

  requestServed(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  /** Where the outbox counts are read at scrape time. */
  readOutbox(reader: Reader<OutboxCounts>): void {
    this.outboxReader = reader;
  }

  /** Where the recorder's queue depth is read at scrape time. */
  readRecorder(reader: Reader<number>): void {
    this.recorderReader = reader;
  }

  /** Where the cluster's membership is read at scrape time; its series exist from then on. */
  readCluster(reader: Reader<ClusterCounts>): void {
    if (!this.clusterReader) this.clusterGauges();
    this.clusterReader = reader;
  }

  private seriesOf(target: TargetLabels): TargetSeries {
    let series = this.targets.get(target.id);
    if (series && series.name !== target.name) {
      // renamed: the old name's series go
      this.remove(series);
      series = undefined;
    }
    if (!series) {
      series = { id: String(target.id), name: target.name, up: null };
      this.targets.set(target.id, series);
    }
    return series;
  }

  private status(series: TargetSeries, status: TargetStatus): void {
    const up = status === 'PASS' ? 1 : status === 'FAIL' ? 0 : null;
    if (up === series.up) return;
    series.up = up;
    const labels = { target_id: series.id, target: series.name };
    if (up === null) this.targetUp.remove(labels);
    else this.targetUp.set(labels, up);
  }

  private remove(series: TargetSeries): void {
    for (const result of ['pass', 'fail']) {
      this.probes.remove({ target_id: series.id, target: series.name, result });
    }
    this.targetUp.remove({ target_id: series.id, target: series.name });
    series.up = null;
  }

  private outboxGauge(registers: Registry[]): void {
    const reader = (): Reader<OutboxCounts> | null => this.outboxReader;
    const logger = this.logger;
    new Gauge({
      name: 'vigil_outbox_messages',
      help:
        'Notifications in the outbox shared by every instance, by state: pending (waiting or ' +
        'being sent) and dead (given up).',
      labelNames: ['state'],
      registers,
      async collect() {
        const read = reader();
        if (!read) return;
        try {
          const counts = await read();
          this.set({ state: 'pending' }, counts.pending);
          this.set({ state: 'dead' }, counts.dead);
        } catch (error) {
          // the last values stay; the database's outage shows in /health
          logger.warn(`Cannot count the outbox: ${(error as Error).message}`);
        }
      },
    });
  }

  private clusterGauges(): void {
    const registers = [this.registry];
    const read = async (): Promise<ClusterCounts | null> =>
      this.clusterReader ? await this.clusterReader() : null;
    new Gauge({
      name: 'vigil_cluster_members',
      help: 'Live vigil instances sharing the database, this one included.',
      registers,
      async collect() {
        const counts = await read();
        if (counts) this.set(counts.members);
      },
    });
    new Gauge({
      name: 'vigil_cluster_shards_owned',
      help: 'Shards of targets this instance probes (of 256).',
      registers,
      async collect() {
        const counts = await read();
        if (counts) this.set(counts.shardsOwned);
      },
    });
  }
}

function outcomeOf(result: 'PASS' | 'FAIL'): 'pass' | 'fail' {
  return result === 'PASS' ? 'pass' : 'fail';
}
