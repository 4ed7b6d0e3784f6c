import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * Nest's own start-up chatter: a line per module (InstanceLoader), per controller and route
 * (RoutesResolver, RouterExplorer) and "starting"/"started". About 80 lines that tell an
 * operator nothing; they are written at `debug` instead of `log`.
 */
const NEST_INTERNALS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface VigilLoggerOptions {
  level: LogLevel;
  format: 'text' | 'json';
  /** ANSI colours; only when a person is watching (stdout is a terminal). */
  colors: boolean;
}

/**
 * The process's console logger: levels up to `level`, text or one JSON object per line, colours
 * only when asked for, and Nest's per-module and per-route lines demoted to `debug`.
 */
export class VigilLogger extends ConsoleLogger {
  /** The text time stamp of the current second: formatting it costs more than the line. */
  private stamp = { second: -1, text: '' };

  constructor(options: VigilLoggerOptions) {
    super({
      json: options.format === 'json',
      colors: options.colors && options.format !== 'json',
      logLevels: LEVELS.slice(0, LEVELS.indexOf(options.level) + 1),
      prefix: 'vigil',
    });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && NEST_INTERNALS.has(context)) this.debug(message, ...rest);
    else super.log(message, ...rest);
  }

  protected override getTimestamp(): string {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.stamp.second) this.stamp = { second, text: super.getTimestamp() };
    return this.stamp.text;
  }

  /**
   * A `log` line written whatever the level: what an operator or a supervisor waits for (the
   * "listening" line) must not vanish under VIGIL_LOG_LEVEL=warn.
   */
  always(message: string, context: string): void {
    this.printMessages([message], context, 'log');
  }
}
