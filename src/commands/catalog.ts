/**
 * The Icinga 2 external commands vigil knows, with typed arguments in Icinga's order. Other
 * commands are sent with their arguments as given (see serializer.ts), except those of
 * REFUSED_COMMANDS.
 */

export type ArgType = 'string' | 'integer' | 'boolean' | 'epoch' | 'downtimeId' | 'commentId';

export interface CommandArg {
  name: string;
  type: ArgType;
  /** Optional arguments may be left out; they are sent as an empty field. */
  required: boolean;
  /** The last argument may hold free text, `;` included (never a line break). */
  freeText?: boolean;
  /**
   * For a boolean Icinga reads as a number: the value sent for true (`2` for sticky). The
   * numbers Icinga knows are sent as given (a sticky of `1` is not sticky, as in Icinga).
   */
  trueValue?: string;
  description?: string;
}

export interface CommandSpec {
  name: string;
  description: string;
  args: CommandArg[];
}

const host: CommandArg = { name: 'host', type: 'string', required: true, description: 'host name' };
const service: CommandArg = {
  name: 'service',
  type: 'string',
  required: true,
  description: 'service description',
};
const hostgroup: CommandArg = { name: 'hostgroup', type: 'string', required: true };
const servicegroup: CommandArg = { name: 'servicegroup', type: 'string', required: true };
const author: CommandArg = { name: 'author', type: 'string', required: true };
const comment: CommandArg = { name: 'comment', type: 'string', required: true, freeText: true };
const downtimeWindow: CommandArg[] = [
  { name: 'start', type: 'epoch', required: true },
  { name: 'end', type: 'epoch', required: true },
  { name: 'fixed', type: 'boolean', required: true },
  { name: 'triggerId', type: 'downtimeId', required: true, description: '0 for none' },
  {
    name: 'duration',
    type: 'integer',
    required: true,
    description: 'seconds, for flexible downtimes',
  },
  author,
  comment,
];
const ack: CommandArg[] = [
  {
    name: 'sticky',
    type: 'boolean',
    required: true,
    trueValue: '2',
    description: 'true (sent as 2): until the object is OK/UP again; 0 or 1: until any change',
  },
  { name: 'notify', type: 'boolean', required: true },
  { name: 'persistent', type: 'boolean', required: true },
];

const list: CommandSpec[] = [
  {
    name: 'SCHEDULE_HOST_DOWNTIME',
    description: 'Downtime for a host',
    args: [host, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_SVC_DOWNTIME',
    description: 'Downtime for a service',
    args: [host, service, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_HOST_SVC_DOWNTIME',
    description: 'Downtime for every service of a host',
    args: [host, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_HOSTGROUP_HOST_DOWNTIME',
    description: 'Downtime for every host of a host group',
    args: [hostgroup, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_HOSTGROUP_SVC_DOWNTIME',
    description: 'Downtime for every service of the hosts of a host group',
    args: [hostgroup, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_SERVICEGROUP_HOST_DOWNTIME',
    description: 'Downtime for the hosts of the services of a service group',
    args: [servicegroup, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_SERVICEGROUP_SVC_DOWNTIME',
    description: 'Downtime for every service of a service group',
    args: [servicegroup, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_AND_PROPAGATE_HOST_DOWNTIME',
    description: 'Downtime for a host and, as ordinary downtimes, its child hosts',
    args: [host, ...downtimeWindow],
  },
  {
    name: 'SCHEDULE_AND_PROPAGATE_TRIGGERED_HOST_DOWNTIME',
    description: 'Downtime for a host and, triggered by it, its child hosts',
    args: [host, ...downtimeWindow],
  },
  {
    name: 'DEL_HOST_DOWNTIME',
    description: 'Remove a host downtime',
    args: [{ name: 'downtimeId', type: 'downtimeId', required: true }],
  },
  {
    name: 'DEL_SVC_DOWNTIME',
    description: 'Remove a service downtime',
    args: [{ name: 'downtimeId', type: 'downtimeId', required: true }],
  },
  {
    name: 'ACKNOWLEDGE_HOST_PROBLEM',
    description: 'Acknowledge a host problem',
    args: [host, ...ack, author, comment],
  },
  {
    name: 'ACKNOWLEDGE_SVC_PROBLEM',
    description: 'Acknowledge a service problem',
    args: [host, service, ...ack, author, comment],
  },
  {
    name: 'ACKNOWLEDGE_HOST_PROBLEM_EXPIRE',
    description: 'Acknowledge a host problem until a given time',
    args: [host, ...ack, { name: 'expire', type: 'epoch', required: true }, author, comment],
  },
  {
    name: 'ACKNOWLEDGE_SVC_PROBLEM_EXPIRE',
    description: 'Acknowledge a service problem until a given time',
    args: [
      host,
      service,
      ...ack,
      { name: 'expire', type: 'epoch', required: true },
      author,
      comment,
    ],
  },
  {
    name: 'REMOVE_HOST_ACKNOWLEDGEMENT',
    description: 'Remove a host acknowledgement',
    args: [host],
  },
  {
    name: 'REMOVE_SVC_ACKNOWLEDGEMENT',
    description: 'Remove a service acknowledgement',
    args: [host, service],
  },
  {
    name: 'PROCESS_HOST_CHECK_RESULT',
    description: 'Submit a passive host check result (status 0 up, 1 down)',
    args: [
      host,
      { name: 'status', type: 'integer', required: true },
      { name: 'output', type: 'string', required: true, freeText: true },
    ],
  },
  {
    name: 'PROCESS_SERVICE_CHECK_RESULT',
    description: 'Submit a passive service check result (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)',
    args: [
      host,
      service,
      { name: 'returnCode', type: 'integer', required: true },
      { name: 'output', type: 'string', required: true, freeText: true },
    ],
  },
  {
    name: 'SCHEDULE_HOST_CHECK',
    description: 'Schedule the next host check',
    args: [host, { name: 'checkTime', type: 'epoch', required: true }],
  },
  {
    name: 'SCHEDULE_FORCED_HOST_CHECK',
    description: 'Force a host check at the given time',
    args: [host, { name: 'checkTime', type: 'epoch', required: true }],
  },
  {
    name: 'SCHEDULE_SVC_CHECK',
    description: 'Schedule the next service check',
    args: [host, service, { name: 'checkTime', type: 'epoch', required: true }],
  },
  {
    name: 'SCHEDULE_FORCED_SVC_CHECK',
    description: 'Force a service check at the given time',
    args: [host, service, { name: 'checkTime', type: 'epoch', required: true }],
  },
  {
    name: 'SCHEDULE_HOST_SVC_CHECKS',
    description: 'Schedule the next check of every service of a host',
    args: [host, { name: 'checkTime', type: 'epoch', required: true }],
  },
  {
    name: 'SCHEDULE_FORCED_HOST_SVC_CHECKS',
    description: 'Force a check of every service of a host',
    args: [host, { name: 'checkTime', type: 'epoch', required: true }],
  },
  { name: 'ENABLE_HOST_CHECK', description: 'Enable active checks of a host', args: [host] },
  { name: 'DISABLE_HOST_CHECK', description: 'Disable active checks of a host', args: [host] },
  {
    name: 'ENABLE_SVC_CHECK',
    description: 'Enable active checks of a service',
    args: [host, service],
  },
  {
    name: 'DISABLE_SVC_CHECK',
    description: 'Disable active checks of a service',
    args: [host, service],
  },
  {
    name: 'ENABLE_HOST_SVC_CHECKS',
    description: 'Enable active checks of every service of a host',
    args: [host],
  },
  {
    name: 'DISABLE_HOST_SVC_CHECKS',
    description: 'Disable active checks of every service of a host',
    args: [host],
  },
  { name: 'ENABLE_PASSIVE_HOST_CHECKS', description: 'Accept passive host results', args: [host] },
  { name: 'DISABLE_PASSIVE_HOST_CHECKS', description: 'Refuse passive host results', args: [host] },
  {
    name: 'ENABLE_PASSIVE_SVC_CHECKS',
    description: 'Accept passive service results',
    args: [host, service],
  },
  {
    name: 'DISABLE_PASSIVE_SVC_CHECKS',
    description: 'Refuse passive service results',
    args: [host, service],
  },
  {
    name: 'ENABLE_HOST_NOTIFICATIONS',
    description: 'Enable notifications for a host',
    args: [host],
  },
  {
    name: 'DISABLE_HOST_NOTIFICATIONS',
    description: 'Disable notifications for a host',
    args: [host],
  },
  {
    name: 'ENABLE_SVC_NOTIFICATIONS',
    description: 'Enable notifications for a service',
    args: [host, service],
  },
  {
    name: 'DISABLE_SVC_NOTIFICATIONS',
    description: 'Disable notifications for a service',
    args: [host, service],
  },
  {
    name: 'ENABLE_HOST_SVC_NOTIFICATIONS',
    description: 'Enable notifications for every service of a host',
    args: [host],
  },
  {
    name: 'DISABLE_HOST_SVC_NOTIFICATIONS',
    description: 'Disable notifications for every service of a host',
    args: [host],
  },
  {
    name: 'ENABLE_HOSTGROUP_HOST_NOTIFICATIONS',
    description: 'Enable notifications for the hosts of a host group',
    args: [hostgroup],
  },
  {
    name: 'DISABLE_HOSTGROUP_HOST_NOTIFICATIONS',
    description: 'Disable notifications for the hosts of a host group',
    args: [hostgroup],
  },
  {
    name: 'ENABLE_HOSTGROUP_SVC_NOTIFICATIONS',
    description: 'Enable notifications for the services of a host group',
    args: [hostgroup],
  },
  {
    name: 'DISABLE_HOSTGROUP_SVC_NOTIFICATIONS',
    description: 'Disable notifications for the services of a host group',
    args: [hostgroup],
  },
  {
    name: 'ENABLE_SERVICEGROUP_SVC_NOTIFICATIONS',
    description: 'Enable notifications for the services of a service group',
    args: [servicegroup],
  },
  {
    name: 'DISABLE_SERVICEGROUP_SVC_NOTIFICATIONS',
    description: 'Disable notifications for the services of a service group',
    args: [servicegroup],
  },
  { name: 'ENABLE_NOTIFICATIONS', description: 'Enable notifications globally', args: [] },
  { name: 'DISABLE_NOTIFICATIONS', description: 'Disable notifications globally', args: [] },
  {
    name: 'DELAY_HOST_NOTIFICATION',
    description: 'Delay the next host notification until a given time',
    args: [host, { name: 'notificationTime', type: 'epoch', required: true }],
  },
  {
    name: 'DELAY_SVC_NOTIFICATION',
    description: 'Delay the next service notification until a given time',
    args: [host, service, { name: 'notificationTime', type: 'epoch', required: true }],
  },
  {
    name: 'SEND_CUSTOM_HOST_NOTIFICATION',
    description: 'Send a custom host notification (options: 2 forced)',
    args: [host, { name: 'options', type: 'integer', required: true }, author, comment],
  },
  {
    name: 'SEND_CUSTOM_SVC_NOTIFICATION',
    description: 'Send a custom service notification (options: 2 forced)',
    args: [host, service, { name: 'options', type: 'integer', required: true }, author, comment],
  },
  {
    name: 'ADD_HOST_COMMENT',
    description: 'Add a comment to a host',
    args: [host, { name: 'persistent', type: 'boolean', required: true }, author, comment],
  },
  {
    name: 'ADD_SVC_COMMENT',
    description: 'Add a comment to a service',
    args: [host, service, { name: 'persistent', type: 'boolean', required: true }, author, comment],
  },
  {
    name: 'DEL_HOST_COMMENT',
    description: 'Remove a host comment',
    args: [{ name: 'commentId', type: 'commentId', required: true }],
  },
  {
    name: 'DEL_SVC_COMMENT',
    description: 'Remove a service comment',
    args: [{ name: 'commentId', type: 'commentId', required: true }],
  },
  { name: 'DEL_ALL_HOST_COMMENTS', description: 'Remove every comment of a host', args: [host] },
  {
    name: 'DEL_ALL_SVC_COMMENTS',
    description: 'Remove every comment of a service',
    args: [host, service],
  },
  { name: 'ENABLE_EVENT_HANDLERS', description: 'Enable event handlers globally', args: [] },
  { name: 'DISABLE_EVENT_HANDLERS', description: 'Disable event handlers globally', args: [] },
  { name: 'ENABLE_FLAP_DETECTION', description: 'Enable flap detection globally', args: [] },
  { name: 'DISABLE_FLAP_DETECTION', description: 'Disable flap detection globally', args: [] },
  { name: 'ENABLE_PERFORMANCE_DATA', description: 'Enable performance data globally', args: [] },
  { name: 'DISABLE_PERFORMANCE_DATA', description: 'Disable performance data globally', args: [] },
  { name: 'START_EXECUTING_HOST_CHECKS', description: 'Run active host checks', args: [] },
  { name: 'STOP_EXECUTING_HOST_CHECKS', description: 'Stop active host checks', args: [] },
  { name: 'START_EXECUTING_SVC_CHECKS', description: 'Run active service checks', args: [] },
  { name: 'STOP_EXECUTING_SVC_CHECKS', description: 'Stop active service checks', args: [] },
];

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(list.map((c) => [c.name, c]));

const STOPS = 'stops or restarts the monitoring process';
const READS_FILE = 'makes Icinga read a file of its host';
const RUNS = 'changes which command Icinga runs for an object';

/**
 * External commands never sent, whoever asks, with the reason: they stop the monitoring
 * process, make it read or write files of its host, or change what it executes. Nagios names
 * Icinga 2 does not know are refused too, in case the site is a Nagios or Naemon.
 */
export const REFUSED_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['SHUTDOWN_PROCESS', STOPS],
  ['SHUTDOWN_PROGRAM', STOPS],
  ['RESTART_PROCESS', STOPS],
  ['RESTART_PROGRAM', STOPS],
  ['PROCESS_FILE', READS_FILE],
  ['READ_STATE_INFORMATION', READS_FILE],
  ['SAVE_STATE_INFORMATION', 'makes Icinga write a file of its host'],
  ['CHANGE_HOST_CHECK_COMMAND', RUNS],
  ['CHANGE_SVC_CHECK_COMMAND', RUNS],
  ['CHANGE_HOST_EVENT_HANDLER', RUNS],
  ['CHANGE_SVC_EVENT_HANDLER', RUNS],
  ['CHANGE_GLOBAL_HOST_EVENT_HANDLER', RUNS],
  ['CHANGE_GLOBAL_SVC_EVENT_HANDLER', RUNS],
]);
