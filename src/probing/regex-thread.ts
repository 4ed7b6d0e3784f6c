import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BODY_REGEX_TEXT_LIMIT } from '../targets/body-regex';
import type { RegexReply, RegexRequest } from './regex-worker';

/** What became of a body regex on one body. */
export type RegexVerdict =
  | { kind: 'match' }
  | { kind: 'no-match' }
  /** RE2 does not compile the pattern (one stored before patterns were checked with RE2). */
  | { kind: 'invalid'; reason: string }
  /** The pattern ran longer than the budget on this body, or on an earlier one not long ago. */
  | { kind: 'too-slow'; budgetMs: number }
  /** The thread could not take the body (too many waiting, or it stopped). */
  | { kind: 'unavailable' };

export interface RegexThreadOptions {
  /** The longest one match may run (default 500 ms). */
  budgetMs?: number;
  /** How long a pattern that ran over the budget is not run again (default 5 min). */
  quarantineMs?: number;
  /** Bodies waiting for the thread at most (default 1,000); more are answered `unavailable`. */
  maxWaiting?: number;
}

interface Job {
  source: string;
  text: string;
  resolve: (verdict: RegexVerdict) => void;
}

/** The worker's file: compiled JavaScript in a build, TypeScript under the tests. */
const WORKER_FILE = join(__dirname, `regex-worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = WORKER_FILE.endsWith('.ts')
  ? ['--require', 'ts-node/register/transpile-only']
  : [];

/**
 * Runs body regexes on a thread of their own, one body at a time, so that matching never holds
 * up the event loop that runs the probes and answers the API. RE2 is linear in the body, but its
 * cost also grows with the pattern (`a[ab]{200}c` takes seconds on 1 MiB of random `a`/`b`),
 * so each match has a budget: past it, the probe is answered `too-slow`, the thread is
 * replaced, and the pattern is not run again for a while (RE2's native loop cannot be
 * interrupted; the old thread ends when that match does, and quarantine keeps such threads
 * from piling up).
 */
export class RegexThread {
  private worker: Worker | null = null;
  private ready = false;
  private readonly waiting: Job[] = [];
  private running: { job: Job; id: number; timer: NodeJS.Timeout } | null = null;
  private nextId = 0;
  private readonly slowUntil = new Map<string, number>();
  private readonly budgetMs: number;
  private readonly quarantineMs: number;
  private readonly maxWaiting: number;

  constructor(options: RegexThreadOptions = {}) {
    this.budgetMs = options.budgetMs ?? 500;
    this.quarantineMs = options.quarantineMs ?? 5 * 60_000;
    this.maxWaiting = options.maxWaiting ?? 1000;
  }

  /** Matches the pattern against the text (its first 1 MiB). Never rejects. */
  test(source: string, text: string): Promise<RegexVerdict> {
    const until = this.slowUntil.get(source);
    if (until !== undefined) {
      if (until > Date.now()) return Promise.resolve(this.tooSlow());
      this.slowUntil.delete(source);
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve({ kind: 'unavailable' });
    const capped =
      text.length > BODY_REGEX_TEXT_LIMIT ? text.slice(0, BODY_REGEX_TEXT_LIMIT) : text;
    return new Promise<RegexVerdict>((resolve) => {
      this.waiting.push({ source, text: capped, resolve });
      this.next();
    });
  }

  /** Stops the thread; bodies still waiting are answered `unavailable`. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.settleRunning({ kind: 'unavailable' });
    for (const job of this.waiting.splice(0)) job.resolve({ kind: 'unavailable' });
    if (worker) await worker.terminate();
  }

  private tooSlow(): RegexVerdict {
    return { kind: 'too-slow', budgetMs: this.budgetMs };
  }

  /** Sends the next waiting body, when the thread is ready and idle. */
  private next(): void {
    if (this.running || this.waiting.length === 0) return;
    const worker = this.worker ?? this.start();
    if (!this.ready) return;
    const job = this.waiting.shift();
    if (!job) return;
    const until = this.slowUntil.get(job.source);
    if (until !== undefined && until > Date.now()) {
      job.resolve(this.tooSlow());
      return this.next();
    }
    const id = this.nextId++;
    const timer = setTimeout(() => this.overBudget(), this.budgetMs);
    timer.unref();
    this.running = { job, id, timer };
    const request: RegexRequest = { id, source: job.source, text: job.text };
    worker.postMessage(request);
  }

  private overBudget(): void {
    const running = this.running;
    if (!running) return;
    this.slowUntil.set(running.job.source, Date.now() + this.quarantineMs);
    this.settleRunning(this.tooSlow());
    this.drop();
    this.next();
  }

  private settleRunning(verdict: RegexVerdict): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    clearTimeout(running.timer);
    running.job.resolve(verdict);
  }

  /** Lets go of the current thread (it ends by itself once its match is over). */
  private drop(): void {
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    if (worker) {
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_FILE, {
      execArgv: WORKER_EXEC_ARGV,
      // it holds one body (at most 1 MiB of text) and the compiled patterns
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (reply: RegexReply | 'ready') => {
      if (reply === 'ready') {
        this.ready = true;
      } else if (this.running?.id === reply.id) {
        this.settleRunning(
          reply.invalid !== undefined
            ? { kind: 'invalid', reason: reply.invalid }
            : { kind: reply.matched ? 'match' : 'no-match' },
        );
      }
      this.next();
    });
    const lost = () => {
      if (this.worker !== worker) return;
      const started = this.ready;
      this.worker = null;
      this.ready = false;
      this.settleRunning({ kind: 'unavailable' });
      // a thread that never got ready will not do better next time: the waiting bodies are
      // answered now, and the next body tries again; otherwise they go to a new thread
      if (!started) for (const job of this.waiting.splice(0)) job.resolve({ kind: 'unavailable' });
      this.next();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.worker = worker;
    this.ready = false;
    return worker;
  }
}
