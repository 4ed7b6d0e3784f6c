import { createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ProbeResult } from './probe-spec';

const SECRET_PARAM = /pass|pwd|token|secret|key|auth|sig/i;

/** The URL as it may be shown: user info and secret-looking query values replaced by `***`. */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
  if (parsed.username || parsed.password) {
    parsed.username = '***';
    parsed.password = '';
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}

export interface ProbeLogTarget {
  id: number;
  name: string;
  method: string;
  url: string;
}

/** `text`: the lines skypunch wrote (with the response time); `json`: one JSON object a line. */
export type ProbeLogFormat = 'text' | 'json';

/**
 * The part of a target's lines that only its definition decides, made once per definition:
 * `[<id>] <name padded to 30> <METHOD> <masked url>`, or in JSON its members
 * `"targetId":…,"target":…,"method":…,"url":…` (without braces).
 */
export function linePrefix(target: ProbeLogTarget, format: ProbeLogFormat = 'text'): string {
  const url = maskUrl(target.url);
  if (format === 'json') {
    const members = { targetId: target.id, target: target.name, method: target.method, url };
    return JSON.stringify(members).slice(1, -1);
  }
  return `[${target.id}] ${target.name.padEnd(30)} ${target.method} ${url}`;
}

/**
 * `<ISO time> <INFO|ERROR> [<id>] <name padded to 30> <METHOD> <url> <PASS|FAIL> (<description>) <ms>ms`,
 * from the target's `linePrefix`; in JSON
 * `{"time","level","event":"probe",<prefix members>,"status","description","responseTimeMs"}`.
 */
export function formatProbeLine(
  prefix: string,
  result: ProbeResult,
  format: ProbeLogFormat = 'text',
): string {
  const level = result.status === 'PASS' ? 'INFO' : 'ERROR';
  const ms = Math.round(result.responseTimeMs);
  if (format === 'json') {
    const time = JSON.stringify(result.startedAt.toISOString());
    const description = JSON.stringify(result.description);
    return (
      `{"time":${time},"level":"${level}","event":"probe",${prefix},` +
      `"status":"${result.status}","description":${description},"responseTimeMs":${ms}}`
    );
  }
  const description = result.description.replace(/[\r\n]+/g, ' ');
  return (
    `${result.startedAt.toISOString()} ${level.padEnd(5)} ${prefix} ` +
    `${result.status} (${description}) ${ms}ms`
  );
}

/** A line of the probe log that is no probe: the service starting or stopping, a mail sent. */
export type ProbeLogEvent =
  | { event: 'start' | 'stop'; message: string }
  | {
      event: 'notification';
      notifier: string;
      target: string;
      /** FAIL or RECOVERED. */
      kind: string;
      outcome: 'sent' | 'failed';
      error?: string;
    };

/**
 * `<ISO time> INFO  starting vigil …`, `… INFO  notifying <notifier> of <target> FAIL: sent`,
 * `… ERROR notifying <notifier> of <target> FAIL: failed (<error>)`; in JSON the event's members
 * after `time` and `level`.
 */
export function formatEventLine(
  e: ProbeLogEvent,
  format: ProbeLogFormat = 'text',
  at: Date = new Date(),
): string {
  const level = e.event === 'notification' && e.outcome === 'failed' ? 'ERROR' : 'INFO';
  if (format === 'json') return JSON.stringify({ time: at.toISOString(), level, ...e });
  const text =
    e.event === 'notification'
      ? `notifying ${e.notifier} of ${e.target} ${e.kind}: ${e.outcome}${e.error ? ` (${e.error})` : ''}`
      : e.message;
  return `${at.toISOString()} ${level.padEnd(5)} ${text.replace(/[\r\n]+/g, ' ')}`;
}

export interface ProbeLogOptions {
  file: string;
  /** Rotate once the file would grow past this many bytes. */
  maxBytes: number;
  /** Rotated files kept: `probe.log.1` (newest) … `probe.log.<keep>`. */
  keep: number;
  /** Default `text`. */
  format?: ProbeLogFormat;
  /** Told of write errors (the directory vanished, the disk is full); never thrown. */
  onError?: (error: Error) => void;
}

/**
 * Appends one line per probe. Lines are written whole, and rotation happens only between
 * lines, so no line is ever lost or split across files. The lines of one turn of the event
 * loop go to the file in one write.
 */
export class ProbeLog {
  private stream: WriteStream;
  private size: number;
  private rotating: Promise<void> | null = null;
  private readonly waiting: string[] = [];
  /** Lines accepted for the current file and not yet handed to it. */
  private buffered = '';
  private flushing: NodeJS.Immediate | undefined;

  constructor(private readonly options: ProbeLogOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.size = ProbeLog.sizeOf(options.file);
    this.stream = this.open();
  }

  private static sizeOf(file: string): number {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  }

  private open(flags = 'a'): WriteStream {
    const stream = createWriteStream(this.options.file, { flags, mode: 0o640 });
    stream.on('error', (error) => this.options.onError?.(error));
    return stream;
  }

  /** Appends the line of a probe of the target whose `linePrefix` is `prefix`. */
  write(prefix: string, result: ProbeResult): void {
    this.append(`${formatProbeLine(prefix, result, this.options.format)}\n`);
  }

  /** Appends a line that is no probe (start, stop, a notification attempt). */
  event(e: ProbeLogEvent): void {
    this.append(`${formatEventLine(e, this.options.format)}\n`);
  }

  private append(line: string): void {
    if (this.rotating) {
      this.waiting.push(line);
      return;
    }
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) {
      this.waiting.push(line);
      this.rotating = this.rotate();
      return;
    }
    this.size += bytes;
    this.buffered += line;
    this.flushing ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    clearImmediate(this.flushing);
    this.flushing = undefined;
    if (this.buffered === '') return;
    this.stream.write(this.buffered);
    this.buffered = '';
  }

  private async rotate(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve) => this.stream.end(resolve));
    const { file, keep } = this.options;
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    if (keep > 0) renameSync(file, `${file}.1`);
    this.stream = this.open(keep > 0 ? 'a' : 'w');
    this.size = 0;
    this.rotating = null;
    const lines = this.waiting.splice(0);
    for (const line of lines) this.append(line);
  }

  /** Writes out every pending line and closes the file. */
  async close(): Promise<void> {
    while (this.rotating) await this.rotating;
    this.flush();
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }
}
