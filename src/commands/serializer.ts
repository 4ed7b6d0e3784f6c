import { COMMANDS, type CommandArg, type CommandSpec, REFUSED_COMMANDS } from './catalog';

/** A command or argument that cannot be sent; `field` names it (`command`, `args.host`, …). */
export class CommandRejected extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

export type ArgValue = string | number | boolean | null | undefined;

const FORBIDDEN = /[\r\n\0]/;

function epochOf(value: ArgValue, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.floor(value);
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value);
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return Math.floor(parsed / 1000);
  }
  throw new CommandRejected(field, 'must be a time: seconds since the epoch or an ISO 8601 date');
}

function render(arg: CommandArg, value: ArgValue, field: string, last: boolean): string {
  if (value === undefined || value === null || value === '') {
    if (arg.required) throw new CommandRejected(field, 'is required');
    return '';
  }
  switch (arg.type) {
    case 'boolean':
      if (arg.trueValue !== undefined) {
        if (value === true || value === 'true') return arg.trueValue;
        if (String(value) === arg.trueValue) return arg.trueValue;
      }
      if (typeof value === 'boolean') return value ? '1' : '0';
      if (value === 1 || value === '1' || value === 'true') return '1';
      if (value === 0 || value === '0' || value === 'false') return '0';
      throw new CommandRejected(field, 'must be true or false');
    case 'integer':
    case 'downtimeId':
    case 'commentId': {
      const text = String(value);
      if (!/^-?\d+$/.test(text)) throw new CommandRejected(field, 'must be a whole number');
      if (arg.type !== 'integer' && Number(text) < 0) {
        throw new CommandRejected(field, 'must not be negative');
      }
      return text;
    }
    case 'epoch':
      return String(epochOf(value, field));
    case 'string': {
      const text = String(value);
      if (FORBIDDEN.test(text)) {
        throw new CommandRejected(field, 'must not contain a line break or NUL character');
      }
      if (text.includes(';') && !(arg.freeText && last)) {
        throw new CommandRejected(field, 'must not contain ";"');
      }
      return text;
    }
  }
}

/** The catalogue entry of a command, or a rejection naming `command`. */
export function lookup(name: string): CommandSpec {
  refuseOnPurpose(name);
  const spec = COMMANDS.get(name.toUpperCase());
  if (!spec) throw new CommandRejected('command', `unknown command ${JSON.stringify(name)}`);
  return spec;
}

/** Refuses, naming `command`, a command of REFUSED_COMMANDS. */
function refuseOnPurpose(name: string): void {
  const reason = REFUSED_COMMANDS.get(name.trim().toUpperCase());
  if (reason) {
    throw new CommandRejected(
      'command',
      `${name.trim().toUpperCase()} is never sent: it ${reason}`,
    );
  }
}

/**
 * Builds the line `[<epoch>] NAME;arg;...` (without the final newline). Arguments are given by
 * name, or as a list in Icinga's order. Anything that could end the line early or split an
 * argument is refused, and so are unknown commands, missing or badly typed arguments, and, with
 * `maxBytes`, a line longer than that in UTF-8 with its newline (naming its longest argument).
 */
export function serializeCommand(
  name: string,
  args: Record<string, ArgValue> | ArgValue[],
  now: Date = new Date(),
  maxBytes?: number,
): string {
  if (FORBIDDEN.test(name)) throw new CommandRejected('command', 'must not contain a line break');
  const spec = lookup(name);
  const values = Array.isArray(args) ? args : spec.args.map((a) => args[a.name]);
  if (Array.isArray(args) && args.length > spec.args.length) {
    throw new CommandRejected('args', `${spec.name} takes ${spec.args.length} arguments`);
  }
  if (!Array.isArray(args)) {
    const unknown = Object.keys(args).find((k) => !spec.args.some((a) => a.name === k));
    if (unknown) throw new CommandRejected(`args.${unknown}`, `is not an argument of ${spec.name}`);
  }
  const fields = spec.args.map((arg, i) =>
    render(arg, values[i], `args.${arg.name}`, i === spec.args.length - 1),
  );
  const names = spec.args.map((a) => `args.${a.name}`);
  return lineOf(spec.name, fields, names, now, maxBytes);
}

/**
 * `[<epoch>] NAME;field;...`, refused with `maxBytes` when longer than that in UTF-8 with its
 * newline, naming the longest field (by `fieldNames`) or else `command`.
 */
function lineOf(
  name: string,
  fields: string[],
  fieldNames: string[],
  now: Date,
  maxBytes: number | undefined,
): string {
  const epoch = Math.floor(now.getTime() / 1000);
  const line = `[${epoch}] ${[name, ...fields].join(';')}`;
  if (maxBytes !== undefined) {
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes > maxBytes) {
      const sizes = fields.map((f) => Buffer.byteLength(f, 'utf8'));
      const longest = sizes.indexOf(Math.max(...sizes));
      throw new CommandRejected(
        longest >= 0 ? fieldNames[longest] : 'command',
        `${longest >= 0 ? `is ${sizes[longest]} bytes long and ` : ''}makes a command of ${bytes} bytes (UTF-8, with its newline); ${tooLong(maxBytes)}`,
      );
    }
  }
  return line;
}

/** A name Icinga may know as an external command although the catalogue does not. */
const UNCATALOGUED_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
/** The livestatus requests, which are no external commands. */
const LIVESTATUS_REQUESTS = new Set(['COMMAND', 'GET']);
/** What starts another command or a livestatus request: `[<epoch>]`, `COMMAND`, `GET`. */
const SECOND_COMMAND = /^\s*(?:\[\d*\]|(?:COMMAND|GET)(?:\s|$))/;

/** Whether the catalogue knows the command (its arguments are then checked by type). */
export function isCatalogued(name: string): boolean {
  return COMMANDS.has(name.trim().toUpperCase());
}

/** The line of any command: by the catalogue when it knows it, else as an uncatalogued one. */
export function serializeAny(
  name: string,
  args: Record<string, ArgValue> | ArgValue[],
  now: Date = new Date(),
  maxBytes?: number,
): string {
  return isCatalogued(name)
    ? serializeCommand(name, args, now, maxBytes)
    : serializeUncatalogued(name, args, now, maxBytes);
}

function uncataloguedField(value: ArgValue, field: string, last: boolean): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CommandRejected(field, 'must be a finite number');
    return String(value);
  }
  if (FORBIDDEN.test(value)) {
    throw new CommandRejected(field, 'must not contain a line break or NUL character');
  }
  if (value.includes(';') && !last) {
    throw new CommandRejected(field, 'must not contain ";" (only the last argument may)');
  }
  for (const part of value.split(';')) {
    if (
      SECOND_COMMAND.test(part) ||
      COMMANDS.has(part.trim()) ||
      REFUSED_COMMANDS.has(part.trim())
    ) {
      throw new CommandRejected(field, `must not start a second command (${JSON.stringify(part)})`);
    }
  }
  return value;
}

/**
 * Builds `[<epoch>] NAME;arg;...` for a command outside the catalogue, with its arguments as
 * given (a list in Icinga's order). Only what could make the line anything but one external
 * command is refused: a name other than capitals, digits and `_` (or `COMMAND`, `GET`), a command
 * of REFUSED_COMMANDS, a line break or NUL anywhere, a `;` in an argument but the last, an
 * argument that starts another command (`[<epoch>]`, `COMMAND`, `GET`) or is a command's name,
 * and, with `maxBytes`, a line longer than that.
 */
export function serializeUncatalogued(
  name: string,
  args: Record<string, ArgValue> | ArgValue[],
  now: Date = new Date(),
  maxBytes?: number,
): string {
  refuseOnPurpose(name);
  if (!UNCATALOGUED_NAME.test(name) || LIVESTATUS_REQUESTS.has(name)) {
    throw new CommandRejected(
      'command',
      `unknown command ${JSON.stringify(name)}: a command outside the catalogue is named in capitals, digits and _`,
    );
  }
  if (!Array.isArray(args)) {
    throw new CommandRejected(
      'args',
      `${name} is not in the catalogue: give its arguments as a list in Icinga's order`,
    );
  }
  const names = args.map((_v, i) => `args.${i}`);
  const fields = args.map((v, i) => uncataloguedField(v, names[i], i === args.length - 1));
  return lineOf(name, fields, names, now, maxBytes);
}

/** Why a command line over the command pipe's limit is refused. */
function tooLong(maxBytes: number): string {
  return `the command pipe takes at most ${maxBytes} bytes per command (the livestatus transport has no such limit)`;
}

/**
 * Parses a legacy `NAME;arg;arg` string (as `/cmd?q=` takes it) into a checked line: a command
 * of the catalogue with its arguments checked (the fields beyond the last argument belong to a
 * free-text last argument, as Icinga reads them), any other as serializeUncatalogued takes it.
 * A line over `maxBytes` is refused naming `q`, the one request field.
 */
export function serializeLegacy(text: string, now: Date = new Date(), maxBytes?: number): string {
  if (FORBIDDEN.test(text)) throw new CommandRejected('q', 'must not contain a line break');
  const [first = '', ...rest] = text.replace(/^\[\d+\]\s*/, '').split(';');
  const name = first.trim();
  const line = isCatalogued(name)
    ? legacyCatalogued(name, rest, now)
    : inQ(() => serializeUncatalogued(name, rest, now));
  const bytes = Buffer.byteLength(line, 'utf8') + 1;
  if (maxBytes !== undefined && bytes > maxBytes) {
    throw new CommandRejected(
      'q',
      `makes a command of ${bytes} bytes (UTF-8, with its newline); ${tooLong(maxBytes)}`,
    );
  }
  return line;
}

/** A catalogued legacy command: fields beyond the last argument belong to a free-text one. */
function legacyCatalogued(name: string, rest: string[], now: Date): string {
  const spec = lookup(name);
  let values: string[] = rest;
  const last = spec.args[spec.args.length - 1];
  if (rest.length > spec.args.length) {
    if (!last?.freeText) {
      throw new CommandRejected('q', `${spec.name} takes ${spec.args.length} arguments`);
    }
    values = [...rest.slice(0, spec.args.length - 1), rest.slice(spec.args.length - 1).join(';')];
  }
  return serializeCommand(spec.name, values, now);
}

/** Runs `build`, naming `q` (the one request field) in a rejection, and the argument by number. */
function inQ(build: () => string): string {
  try {
    return build();
  } catch (err) {
    if (!(err instanceof CommandRejected) || err.field === 'q') throw err;
    const arg = /^args\.(\d+)$/.exec(err.field);
    throw new CommandRejected(
      'q',
      arg ? `argument ${Number(arg[1]) + 1} ${err.message}` : err.message,
    );
  }
}
