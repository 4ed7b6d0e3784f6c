/**
 * Scheduler benchmark: the cost of keeping N targets on a fixed-rate schedule, with probes that
 * do nothing, for three ways of timing them:
 *
 * - `wheel`: vigil's ProbeScheduler (one timer for all, a wheel of 5 ms slots);
 * - `timeout per target`: one Node timer per target, re-armed for each run at its planned time
 *   (what the scheduler did before the wheel);
 * - `interval per target`: one `setInterval` per target, which is what `@nestjs/schedule`'s
 *   SchedulerRegistry holds (`addInterval(name, setInterval(…))`).
 *
 * Each runs in a process of its own; reported: runs/s, CPU µs per run, lag p50/p99/max (actual
 * start − planned start) and the drift of the interval timers.
 *
 *   npm run bench:scheduler
 *   BENCH_TARGETS=100000 BENCH_PERIOD_MS=2000 BENCH_SECONDS=20 npm run bench:scheduler
 */
import { spawn } from 'node:child_process';
import { ProbeScheduler } from '../src/probing/scheduler';

const TARGETS = Number(process.env.BENCH_TARGETS ?? 100_000);
const PERIOD_MS = Number(process.env.BENCH_PERIOD_MS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const KINDS = ['wheel', 'timeout per target', 'interval per target'] as const;
type Kind = (typeof KINDS)[number];

interface Figures {
  kind: Kind;
  runsPerSecond: number;
  cpuUsPerRun: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
}

/** Starts the targets' schedules; `onRun(lagMs)` is told of each run. Returns a stop function. */
function schedule(kind: Kind, onRun: (lagMs: number) => void): () => void {
  const offset = (id: number) => Math.floor(((id * 0.6180339887498949) % 1) * PERIOD_MS);
  const t0 = Date.now();
  if (kind === 'wheel') {
    const scheduler = new ProbeScheduler({
      maxConcurrent: 1_000_000,
      run: () => Promise.resolve(),
      onStart: (_id, lag) => onRun(lag),
    });
    for (let id = 1; id <= TARGETS; id++) scheduler.upsert(id, PERIOD_MS);
    return () => void scheduler.stop();
  }
  const timers: NodeJS.Timeout[] = [];
  if (kind === 'timeout per target') {
    let stopped = false;
    const plan = (id: number, at: number) => {
      timers[id] = setTimeout(
        () => {
          if (stopped) return;
          onRun(Date.now() - at);
          plan(id, at + PERIOD_MS);
        },
        Math.max(0, at - Date.now()),
      );
    };
    for (let id = 1; id <= TARGETS; id++) plan(id, t0 + offset(id));
    return () => {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
    };
  }
  for (let id = 1; id <= TARGETS; id++) {
    const first = t0 + offset(id);
    timers[id] = setTimeout(() => {
      let n = 0;
      onRun(Date.now() - first);
      timers[id] = setInterval(() => {
        n += 1;
        onRun(Date.now() - (first + n * PERIOD_MS));
      }, PERIOD_MS);
    }, offset(id));
  }
  return () => timers.forEach((t) => clearInterval(t));
}

async function measure(kind: Kind): Promise<Figures> {
  const lags = new Float64Array(Math.ceil((TARGETS * SECONDS * 1000) / PERIOD_MS) * 2);
  let count = 0;
  let measuring = false;
  const stop = schedule(kind, (lag) => {
    if (measuring && count < lags.length) lags[count++] = lag;
  });
  // the first period spreads the first runs
  await new Promise((resolve) => setTimeout(resolve, PERIOD_MS + 500));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  stop();
  const sorted = lags.subarray(0, count).sort();
  const at = (p: number) => sorted[Math.min(count - 1, Math.floor(p * count))];
  return {
    kind,
    runsPerSecond: count / elapsed,
    cpuUsPerRun: (cpu.user + cpu.system) / count,
    lagP50: at(0.5),
    lagP99: at(0.99),
    lagMax: sorted[count - 1],
  };
}

async function main(): Promise<void> {
  console.log(
    `${TARGETS} targets, period ${PERIOD_MS} ms, ${SECONDS} s, Node ${process.version}\n\n` +
      '| timing | runs/s | CPU µs/run | lag p50 ms | lag p99 ms | lag max ms |\n' +
      '|---|---|---|---|---|---|',
  );
  for (const kind of KINDS) {
    const child = spawn(process.execPath, [__filename, '--worker', kind], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const f = await new Promise<Figures>((resolve) =>
      child.once('message', (m) => resolve(m as Figures)),
    );
    console.log(
      `| ${f.kind} | ${f.runsPerSecond.toFixed(0)} | ${f.cpuUsPerRun.toFixed(1)} | ` +
        `${f.lagP50.toFixed(0)} | ${f.lagP99.toFixed(0)} | ${f.lagMax.toFixed(0)} |`,
    );
  }
}

if (process.argv[2] === '--worker') {
  void measure(process.argv[3] as Kind).then((f) => process.send?.(f, () => process.exit(0)));
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
