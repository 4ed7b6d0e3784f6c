/**
 * External commands as Icinga 2 REST API requests: each checked command line of the catalogue
 * becomes `/v1/actions/*` calls or object attribute changes. Object names travel as the action's
 * `host`/`service` fields or in `filter_vars`, never inside a filter expression. Plain TypeScript.
 */
import { COMMANDS, type CommandSpec } from './catalog';
import { CommandRejected } from './serializer';

/** One request to the API: an action, or a change of attributes of objects. */
export type ApiCall =
  | {
      kind: 'action';
      action: string;
      body: Record<string, unknown>;
      /** A filter that matches nothing is no failure (e.g. a host without services). */
      mayMatchNothing?: boolean;
    }
  | { kind: 'modify'; type: string; name: string; attrs: Record<string, unknown> }
  | {
      kind: 'modify-where';
      type: string;
      filter: string;
      filterVars: Record<string, unknown>;
      attrs: Record<string, unknown>;
    };

/** A checked external command line split back into the catalogue's arguments by name. */
export interface ParsedCommand {
  name: string;
  args: Record<string, string>;
}

/** Why a command has no API equivalent, for the 400 answer. */
export function notOnApiSite(name: string, why?: string): CommandRejected {
  return new CommandRejected(
    'command',
    `${name} is not available on an Icinga 2 API site${why ? ` (${why})` : ''}`,
  );
}

/**
 * Splits `[<epoch>] NAME;arg;...` (as the serialiser built it) into its catalogue arguments; the
 * fields beyond the last argument belong to it, as Icinga reads them. An uncatalogued command
 * has no API equivalent.
 */
export function parseLine(line: string): ParsedCommand {
  const [first = '', ...fields] = line.replace(/^\[\d+\]\s*/, '').split(';');
  const spec: CommandSpec | undefined = COMMANDS.get(first);
  if (!spec) {
    throw notOnApiSite(first, 'only the commands of the catalogue are translated to API requests');
  }
  const count = spec.args.length;
  const values =
    fields.length > count && count > 0
      ? [...fields.slice(0, count - 1), fields.slice(count - 1).join(';')]
      : fields;
  const args: Record<string, string> = {};
  spec.args.forEach((arg, i) => (args[arg.name] = values[i] ?? ''));
  return { name: spec.name, args };
}

const flag = (value: string) => value === '1';
const int = (value: string) => Number(value);

/** The action body naming one host, or one service of a host. */
function subject(args: Record<string, string>, service: boolean): Record<string, unknown> {
  return service
    ? { type: 'Service', service: `${args.host}!${args.service}` }
    : { type: 'Host', host: args.host };
}

/** Every service of a host, by filter. */
function servicesOfHost(args: Record<string, string>) {
  return {
    type: 'Service',
    filter: 'host.name == vigil_host',
    filter_vars: { vigil_host: args.host },
  };
}

const hostsInGroup = (group: string) => ({
  type: 'Host',
  filter: 'vigil_group in host.groups',
  filter_vars: { vigil_group: group },
});
const servicesOfHostGroup = (group: string) => ({
  type: 'Service',
  filter: 'vigil_group in host.groups',
  filter_vars: { vigil_group: group },
});
const servicesInGroup = (group: string) => ({
  type: 'Service',
  filter: 'vigil_group in service.groups',
  filter_vars: { vigil_group: group },
});

function downtime(
  target: Record<string, unknown>,
  args: Record<string, string>,
  extra: Record<string, unknown> = {},
): ApiCall {
  if (args.triggerId !== '' && args.triggerId !== '0') {
    throw new CommandRejected(
      'args.triggerId',
      'a triggering downtime is not available on an Icinga 2 API site: give 0',
    );
  }
  return {
    kind: 'action',
    action: 'schedule-downtime',
    body: {
      ...target,
      start_time: int(args.start),
      end_time: int(args.end),
      fixed: flag(args.fixed),
      duration: int(args.duration),
      author: args.author,
      comment: args.comment,
      ...extra,
    },
  };
}

function acknowledge(args: Record<string, string>, service: boolean): ApiCall {
  return {
    kind: 'action',
    action: 'acknowledge-problem',
    body: {
      ...subject(args, service),
      // Icinga reads a sticky of 2 as sticky, anything else as not
      sticky: args.sticky === '2',
      notify: flag(args.notify),
      persistent: flag(args.persistent),
      ...(args.expire ? { expiry: int(args.expire) } : {}),
      author: args.author,
      comment: args.comment,
    },
  };
}

/** Icinga reads `output|perfdata` from a command; the API takes them apart. */
function checkResult(args: Record<string, string>, service: boolean, status: string): ApiCall {
  const bar = args.output.indexOf('|');
  const output = bar < 0 ? args.output : args.output.slice(0, bar).trimEnd();
  const perf =
    bar < 0
      ? []
      : args.output
          .slice(bar + 1)
          .trim()
          .split(/\s+/)
          .filter(Boolean);
  return {
    kind: 'action',
    action: 'process-check-result',
    body: {
      ...subject(args, service),
      exit_status: int(status),
      plugin_output: output,
      ...(perf.length ? { performance_data: perf } : {}),
    },
  };
}

function reschedule(target: Record<string, unknown>, time: string, force: boolean): ApiCall {
  return {
    kind: 'action',
    action: 'reschedule-check',
    body: { ...target, next_check: int(time), force },
  };
}

/** A change of one host's or service's attribute. */
function setOne(
  args: Record<string, string>,
  service: boolean,
  attr: string,
  value: boolean,
): ApiCall {
  return service
    ? {
        kind: 'modify',
        type: 'services',
        name: `${args.host}!${args.service}`,
        attrs: { [attr]: value },
      }
    : { kind: 'modify', type: 'hosts', name: args.host, attrs: { [attr]: value } };
}

function setWhere(
  where: { type: string; filter: string; filter_vars: Record<string, unknown> },
  attr: string,
  value: boolean,
): ApiCall {
  return {
    kind: 'modify-where',
    type: where.type === 'Host' ? 'hosts' : 'services',
    filter: where.filter,
    filterVars: where.filter_vars,
    attrs: { [attr]: value },
  };
}

const setGlobal = (attr: string, value: boolean): ApiCall => ({
  kind: 'modify',
  type: 'icingaapplications',
  name: 'app',
  attrs: { [attr]: value },
});

function removeById(type: 'Downtime' | 'Comment', id: string, onService?: boolean): ApiCall {
  const prefix = type.toLowerCase();
  const kind =
    onService === undefined ? '' : ` && ${prefix}.service_name ${onService ? '!=' : '=='} ""`;
  return {
    kind: 'action',
    action: type === 'Downtime' ? 'remove-downtime' : 'remove-comment',
    body: {
      type,
      filter: `${prefix}.legacy_id == vigil_id${kind}`,
      filter_vars: { vigil_id: int(id) },
    },
  };
}

type Translation = (args: Record<string, string>) => ApiCall[];

/** Global switches: the command's name without ENABLE_/DISABLE_ and the application attribute. */
const GLOBAL_SWITCHES: [string, string, string][] = [
  ['ENABLE_NOTIFICATIONS', 'DISABLE_NOTIFICATIONS', 'enable_notifications'],
  ['ENABLE_EVENT_HANDLERS', 'DISABLE_EVENT_HANDLERS', 'enable_event_handlers'],
  ['ENABLE_FLAP_DETECTION', 'DISABLE_FLAP_DETECTION', 'enable_flapping'],
  ['ENABLE_PERFORMANCE_DATA', 'DISABLE_PERFORMANCE_DATA', 'enable_perfdata'],
  ['START_EXECUTING_HOST_CHECKS', 'STOP_EXECUTING_HOST_CHECKS', 'enable_host_checks'],
  ['START_EXECUTING_SVC_CHECKS', 'STOP_EXECUTING_SVC_CHECKS', 'enable_service_checks'],
];

/** Switches of one host or service: `<VERB>_<suffix>`, the object kind and its attribute. */
const OBJECT_SWITCHES: [string, boolean, string][] = [
  ['HOST_CHECK', false, 'enable_active_checks'],
  ['SVC_CHECK', true, 'enable_active_checks'],
  ['PASSIVE_HOST_CHECKS', false, 'enable_passive_checks'],
  ['PASSIVE_SVC_CHECKS', true, 'enable_passive_checks'],
  ['HOST_NOTIFICATIONS', false, 'enable_notifications'],
  ['SVC_NOTIFICATIONS', true, 'enable_notifications'],
];

/** Switches of a set of objects: `<VERB>_<suffix>`, the set and its attribute. */
const SET_SWITCHES: [
  string,
  (a: Record<string, string>) => Parameters<typeof setWhere>[0],
  string,
][] = [
  ['HOST_SVC_CHECKS', servicesOfHost, 'enable_active_checks'],
  ['HOST_SVC_NOTIFICATIONS', servicesOfHost, 'enable_notifications'],
  ['HOSTGROUP_HOST_NOTIFICATIONS', (a) => hostsInGroup(a.hostgroup), 'enable_notifications'],
  ['HOSTGROUP_SVC_NOTIFICATIONS', (a) => servicesOfHostGroup(a.hostgroup), 'enable_notifications'],
  [
    'SERVICEGROUP_SVC_NOTIFICATIONS',
    (a) => servicesInGroup(a.servicegroup),
    'enable_notifications',
  ],
];

const TRANSLATIONS = new Map<string, Translation>([
  ['SCHEDULE_HOST_DOWNTIME', (a) => [downtime(subject(a, false), a)]],
  ['SCHEDULE_SVC_DOWNTIME', (a) => [downtime(subject(a, true), a)]],
  // as Icinga's command: the host itself and every service, each downtime on its own (the
  // API's all_services would make the services' downtimes end with the host's)
  [
    'SCHEDULE_HOST_SVC_DOWNTIME',
    (a) => [
      downtime(subject(a, false), a),
      { ...downtime(servicesOfHost(a), a), mayMatchNothing: true },
    ],
  ],
  ['SCHEDULE_HOSTGROUP_HOST_DOWNTIME', (a) => [downtime(hostsInGroup(a.hostgroup), a)]],
  ['SCHEDULE_HOSTGROUP_SVC_DOWNTIME', (a) => [downtime(servicesOfHostGroup(a.hostgroup), a)]],
  ['SCHEDULE_SERVICEGROUP_SVC_DOWNTIME', (a) => [downtime(servicesInGroup(a.servicegroup), a)]],
  [
    'SCHEDULE_AND_PROPAGATE_HOST_DOWNTIME',
    (a) => [downtime(subject(a, false), a, { child_options: 2 })],
  ],
  [
    'SCHEDULE_AND_PROPAGATE_TRIGGERED_HOST_DOWNTIME',
    (a) => [downtime(subject(a, false), a, { child_options: 1 })],
  ],
  ['DEL_HOST_DOWNTIME', (a) => [removeById('Downtime', a.downtimeId, false)]],
  ['DEL_SVC_DOWNTIME', (a) => [removeById('Downtime', a.downtimeId, true)]],
  ['ACKNOWLEDGE_HOST_PROBLEM', (a) => [acknowledge(a, false)]],
  ['ACKNOWLEDGE_SVC_PROBLEM', (a) => [acknowledge(a, true)]],
  ['ACKNOWLEDGE_HOST_PROBLEM_EXPIRE', (a) => [acknowledge(a, false)]],
  ['ACKNOWLEDGE_SVC_PROBLEM_EXPIRE', (a) => [acknowledge(a, true)]],
  [
    'REMOVE_HOST_ACKNOWLEDGEMENT',
    (a) => [{ kind: 'action', action: 'remove-acknowledgement', body: subject(a, false) }],
  ],
  [
    'REMOVE_SVC_ACKNOWLEDGEMENT',
    (a) => [{ kind: 'action', action: 'remove-acknowledgement', body: subject(a, true) }],
  ],
  ['PROCESS_HOST_CHECK_RESULT', (a) => [checkResult(a, false, a.status)]],
  ['PROCESS_SERVICE_CHECK_RESULT', (a) => [checkResult(a, true, a.returnCode)]],
  ['SCHEDULE_HOST_CHECK', (a) => [reschedule(subject(a, false), a.checkTime, false)]],
  ['SCHEDULE_FORCED_HOST_CHECK', (a) => [reschedule(subject(a, false), a.checkTime, true)]],
  ['SCHEDULE_SVC_CHECK', (a) => [reschedule(subject(a, true), a.checkTime, false)]],
  ['SCHEDULE_FORCED_SVC_CHECK', (a) => [reschedule(subject(a, true), a.checkTime, true)]],
  ['SCHEDULE_HOST_SVC_CHECKS', (a) => [reschedule(servicesOfHost(a), a.checkTime, false)]],
  ['SCHEDULE_FORCED_HOST_SVC_CHECKS', (a) => [reschedule(servicesOfHost(a), a.checkTime, true)]],
  ['SEND_CUSTOM_HOST_NOTIFICATION', (a) => [customNotification(a, false)]],
  ['SEND_CUSTOM_SVC_NOTIFICATION', (a) => [customNotification(a, true)]],
  ['ADD_HOST_COMMENT', (a) => [addComment(a, false)]],
  ['ADD_SVC_COMMENT', (a) => [addComment(a, true)]],
  ['DEL_HOST_COMMENT', (a) => [removeById('Comment', a.commentId, false)]],
  ['DEL_SVC_COMMENT', (a) => [removeById('Comment', a.commentId, true)]],
  [
    'DEL_ALL_HOST_COMMENTS',
    (a) => [{ kind: 'action', action: 'remove-comment', body: subject(a, false) }],
  ],
  [
    'DEL_ALL_SVC_COMMENTS',
    (a) => [{ kind: 'action', action: 'remove-comment', body: subject(a, true) }],
  ],
  ...GLOBAL_SWITCHES.flatMap(([on, off, attr]): [string, Translation][] => [
    [on, () => [setGlobal(attr, true)]],
    [off, () => [setGlobal(attr, false)]],
  ]),
  ...OBJECT_SWITCHES.flatMap(([suffix, service, attr]): [string, Translation][] => [
    [`ENABLE_${suffix}`, (a) => [setOne(a, service, attr, true)]],
    [`DISABLE_${suffix}`, (a) => [setOne(a, service, attr, false)]],
  ]),
  ...SET_SWITCHES.flatMap(([suffix, where, attr]): [string, Translation][] => [
    [`ENABLE_${suffix}`, (a) => [setWhere(where(a), attr, true)]],
    [`DISABLE_${suffix}`, (a) => [setWhere(where(a), attr, false)]],
  ]),
]);

function customNotification(args: Record<string, string>, service: boolean): ApiCall {
  return {
    kind: 'action',
    action: 'send-custom-notification',
    body: {
      ...subject(args, service),
      // option 2 of the command: forced
      force: (int(args.options) & 2) !== 0,
      author: args.author,
      comment: args.comment,
    },
  };
}

function addComment(args: Record<string, string>, service: boolean): ApiCall {
  // the API has no `persistent`: its comments are kept across restarts
  return {
    kind: 'action',
    action: 'add-comment',
    body: { ...subject(args, service), author: args.author, comment: args.comment },
  };
}

/** Why the catalogue's commands without an API equivalent have none. */
const UNAVAILABLE = new Map<string, string>([
  ['DELAY_HOST_NOTIFICATION', 'the API cannot delay a notification'],
  ['DELAY_SVC_NOTIFICATION', 'the API cannot delay a notification'],
  [
    'SCHEDULE_SERVICEGROUP_HOST_DOWNTIME',
    'the API cannot select the hosts of a service group in one request',
  ],
]);

/** Whether a catalogued command has an API equivalent. */
export function availableOnApi(name: string): boolean {
  return TRANSLATIONS.has(name);
}

/** The commands of the catalogue that have no API equivalent, with the reason. */
export const UNAVAILABLE_ON_API: ReadonlyMap<string, string> = UNAVAILABLE;

/**
 * The API requests of a checked command line, in order; a CommandRejected (400) for a command
 * without API equivalent.
 */
export function apiCallsFor(line: string): ApiCall[] {
  const parsed = parseLine(line);
  const translate = TRANSLATIONS.get(parsed.name);
  if (!translate) throw notOnApiSite(parsed.name, UNAVAILABLE.get(parsed.name));
  return translate(parsed.args);
}

/** An API request as the audit log records it: `<action> <body>`, no credentials. */
export function describeCall(call: ApiCall): string {
  switch (call.kind) {
    case 'action':
      return `POST /v1/actions/${call.action} ${JSON.stringify(call.body)}`;
    case 'modify':
      return `POST /v1/objects/${call.type}/${call.name} ${JSON.stringify({ attrs: call.attrs })}`;
    case 'modify-where':
      return `POST /v1/objects/${call.type} ${JSON.stringify({ filter: call.filter, filter_vars: call.filterVars, attrs: call.attrs })}`;
  }
}
