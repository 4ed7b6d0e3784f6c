/**
 * Livestatus tables and columns as Icinga 2 API objects and attributes: where each column's
 * value lives in an API object, how it reads in a filter expression, and how it is converted to
 * the value livestatus gives. A column missing here has no API equivalent.
 */
import { LqlSyntaxError } from '../lql/lql';
import type { IcingaObject } from './icinga-api-client';

/**
 * `string`, `number` and `list` compare as livestatus compares those; a `flag` is 0 or 1 in
 * livestatus, decided by a boolean expression on the API side.
 */
export type ColumnType = 'string' | 'number' | 'list' | 'flag';

export interface ApiColumn {
  type: ColumnType;
  /** Attribute path in the object's `attrs` (`last_check_result.output`)... */
  attr?: string;
  /** ...or in its joined host's attributes (`joins.host`), for services. */
  hostAttr?: string;
  /** The filter expression of the livestatus value, given the attribute's (default: itself). */
  wrap?: (expression: string) => string;
  /** For a flag: the expression that is true when the flag is 1, given the attribute's. */
  isSet?: (expression: string) => string;
  /** The livestatus value when the path's first step is null (e.g. never checked). */
  whenMissing?: string | number;
  /** Converts the API value to the livestatus value. */
  convert?: (value: unknown) => unknown;
}

export interface ApiTable {
  /** The type in `/v1/objects/<type>`, or null for the status table (`/v1/status`). */
  objectType: string | null;
  /** How an object of this type is named in a filter expression (`host`, `service`). */
  prefix: string;
  columns: Record<string, ApiColumn>;
}

const whole = (value: unknown) => (typeof value === 'number' ? Math.trunc(value) : value);
const flag = (value: unknown) => (value ? 1 : 0);
const orNull = (value: unknown) => (value === '' ? null : (value ?? null));

const str = (attr: string): ApiColumn => ({ type: 'string', attr });
const num = (attr: string): ApiColumn => ({ type: 'number', attr });
const time = (attr: string): ApiColumn => ({ type: 'number', attr, convert: whole });
const list = (attr: string): ApiColumn => ({ type: 'list', attr, convert: (v) => v ?? [] });
/** A 0/1 column of livestatus from a boolean attribute. */
const bool = (attr: string): ApiColumn => ({
  type: 'flag',
  attr,
  isSet: (e) => e,
  convert: flag,
});
/** A column that livestatus gives as true / false; `test` reads what `isSet` decides. */
const trueFalse = (
  attr: string,
  isSet = (e: string) => e,
  test: (value: unknown) => boolean = Boolean,
): ApiColumn => ({ type: 'flag', attr, isSet, convert: test });
/** Livestatus gives intervals in minutes. */
const minutes = (attr: string): ApiColumn => ({
  type: 'number',
  attr,
  wrap: (e) => `(${e} / 60)`,
  convert: (v) => (typeof v === 'number' ? v / 60 : v),
});

/** Columns hosts and services share (the checkable's own attributes). */
const CHECKABLE: Record<string, ApiColumn> = {
  display_name: str('display_name'),
  state: num('state'),
  state_type: num('state_type'),
  plugin_output: { type: 'string', attr: 'last_check_result.output', whenMissing: '' },
  last_check: time('last_check'),
  last_state_change: time('last_state_change'),
  last_hard_state_change: time('last_hard_state_change'),
  next_check: time('next_check'),
  current_attempt: num('check_attempt'),
  max_check_attempts: num('max_check_attempts'),
  // livestatus names the command as the compat layer did: check_<name>!
  check_command: {
    type: 'string',
    attr: 'check_command',
    wrap: (e) => `"check_" + ${e} + "!"`,
    convert: (v) => (typeof v === 'string' && v !== '' ? `check_${v}!` : ''),
  },
  has_been_checked: {
    type: 'flag',
    attr: 'last_check_result',
    isSet: (e) => `${e} != null`,
    convert: (v) => (v === null || v === undefined ? 0 : 1),
  },
  acknowledged: trueFalse(
    'acknowledgement',
    (e) => `${e} != 0`,
    (v) => typeof v === 'number' && v !== 0,
  ),
  acknowledgement_type: num('acknowledgement'),
  scheduled_downtime_depth: num('downtime_depth'),
  notifications_enabled: bool('enable_notifications'),
  active_checks_enabled: bool('enable_active_checks'),
  accept_passive_checks: bool('enable_passive_checks'),
  flap_detection_enabled: bool('enable_flapping'),
  event_handler_enabled: bool('enable_event_handler'),
  is_flapping: trueFalse('flapping'),
  groups: list('groups'),
  notes: str('notes'),
  notes_url: str('notes_url'),
  action_url: str('action_url'),
  check_interval: minutes('check_interval'),
  retry_interval: minutes('retry_interval'),
};

const HOST_COLUMNS: Record<string, ApiColumn> = {
  name: str('name'),
  host_name: str('name'),
  address: str('address'),
  address6: str('address6'),
  ...CHECKABLE,
  alias: str('display_name'),
};

const SERVICE_COLUMNS: Record<string, ApiColumn> = {
  description: str('name'),
  host_name: str('host_name'),
  ...CHECKABLE,
  host_display_name: { type: 'string', hostAttr: 'display_name' },
  host_address: { type: 'string', hostAttr: 'address' },
  host_state: { type: 'number', hostAttr: 'state' },
  host_groups: { type: 'list', hostAttr: 'groups', convert: (v) => v ?? [] },
};

const GROUP_COLUMNS: Record<string, ApiColumn> = {
  name: str('name'),
  alias: str('display_name'),
  notes: str('notes'),
  notes_url: str('notes_url'),
  action_url: str('action_url'),
};

/** Downtimes and comments: attached to a host, or to a service when service_name is set. */
const ATTACHED: Record<string, ApiColumn> = {
  id: num('legacy_id'),
  author: str('author'),
  entry_time: time('entry_time'),
  host_name: str('host_name'),
  // null, not "", for a host's
  service_description: { type: 'string', attr: 'service_name', convert: orNull },
  is_service: {
    type: 'flag',
    attr: 'service_name',
    isSet: (e) => `${e} != ""`,
    convert: (v) => (typeof v === 'string' && v !== '' ? 1 : 0),
  },
};

export const API_TABLES: Record<string, ApiTable> = {
  hosts: { objectType: 'hosts', prefix: 'host', columns: HOST_COLUMNS },
  services: { objectType: 'services', prefix: 'service', columns: SERVICE_COLUMNS },
  hostgroups: { objectType: 'hostgroups', prefix: 'hostgroup', columns: GROUP_COLUMNS },
  servicegroups: { objectType: 'servicegroups', prefix: 'servicegroup', columns: GROUP_COLUMNS },
  downtimes: {
    objectType: 'downtimes',
    prefix: 'downtime',
    columns: {
      ...ATTACHED,
      comment: str('comment'),
      start_time: time('start_time'),
      end_time: time('end_time'),
      duration: time('duration'),
      fixed: trueFalse('fixed'),
    },
  },
  comments: {
    objectType: 'comments',
    prefix: 'comment',
    columns: {
      ...ATTACHED,
      comment: str('text'),
      entry_type: num('entry_type'),
      expire_time: time('expire_time'),
      expires: trueFalse(
        'expire_time',
        (e) => `${e} > 0`,
        (v) => typeof v === 'number' && v > 0,
      ),
    },
  },
  status: {
    objectType: null,
    prefix: 'app',
    columns: {
      // livestatus adds "-icinga2" to the application's version
      program_version: { type: 'string', attr: 'version', convert: (v) => `${String(v)}-icinga2` },
      program_start: time('program_start'),
      nagios_pid: num('pid'),
      enable_notifications: bool('enable_notifications'),
      execute_service_checks: bool('enable_service_checks'),
      execute_host_checks: bool('enable_host_checks'),
      enable_flap_detection: bool('enable_flapping'),
      enable_event_handlers: bool('enable_event_handlers'),
      process_performance_data: bool('enable_perfdata'),
    },
  },
};

/**
 * Columns livestatus has and the API does not give (or gives only by reading other objects):
 * answered 400 naming them. Any column not mapped above is refused the same way.
 */
export const UNMAPPED_EXAMPLES = [
  'perf_data',
  'long_plugin_output',
  'members',
  'num_hosts',
  'num_services',
  'worst_service_state',
  'contacts',
  'comments',
  'downtimes',
  'triggered_by',
  // comments: livestatus answers 1 whatever the comment's persistent attribute says
  'persistent',
  'livestatus_version',
];

/** The table, or a 404-worthy error when the API has no such table. */
export function apiTable(name: string): ApiTable {
  const table = Object.hasOwn(API_TABLES, name) ? API_TABLES[name] : undefined;
  if (!table) {
    throw new LqlSyntaxError(
      'table',
      `table ${name} has no Icinga 2 API equivalent (there are ${Object.keys(API_TABLES).join(', ')})`,
    );
  }
  return table;
}

/** The column, or an error naming it (and the header it was used in). */
export function apiColumn(table: string, column: string, field = 'columns'): ApiColumn {
  const spec = apiTable(table).columns;
  const found = Object.hasOwn(spec, column) ? spec[column] : undefined;
  if (!found) {
    throw new LqlSyntaxError(
      field,
      `column ${column} of table ${table} has no Icinga 2 API equivalent`,
    );
  }
  return found;
}

/** The filter expression of a column's value (`host.name`, `service.last_check_result.output`). */
export function columnExpression(table: ApiTable, column: ApiColumn): string {
  const attribute = column.hostAttr ? `host.${column.hostAttr}` : `${table.prefix}.${column.attr}`;
  return column.wrap ? column.wrap(attribute) : attribute;
}

/** The `attrs` and `joins` to ask for to read these columns. */
export function attributesFor(
  table: string,
  columns: string[],
  field = 'columns',
): { attrs: string[]; joins: string[] } {
  const attrs = new Set<string>();
  const joins = new Set<string>();
  for (const name of columns) {
    const column = apiColumn(table, name, field);
    if (column.hostAttr) joins.add(`host.${column.hostAttr}`);
    else if (column.attr) attrs.add(column.attr.split('.')[0]);
  }
  return { attrs: [...attrs], joins: [...joins] };
}

function pathValue(from: Record<string, unknown> | undefined, path: string): unknown {
  let value: unknown = from;
  for (const step of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** A column's livestatus value read from an API object (or the status' application). */
export function columnValue(column: ApiColumn, object: IcingaObject): unknown {
  const raw = column.hostAttr
    ? pathValue(object.joins?.host, column.hostAttr)
    : pathValue(object.attrs, column.attr ?? '');
  if ((raw === null || raw === undefined) && column.whenMissing !== undefined) {
    return column.whenMissing;
  }
  return column.convert ? column.convert(raw) : (raw ?? null);
}

/** A row of livestatus values for the given columns of an API object. */
export function rowOf(table: string, columns: string[], object: IcingaObject): unknown[] {
  return columns.map((name) => columnValue(apiColumn(table, name), object));
}
