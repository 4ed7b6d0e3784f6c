import type { TargetForProbing } from '../targets/target.mapper';
import type { ProbeResult } from './probe-spec';
import type { StateChange, TargetState } from './state';

/** Published when a probe changes a target's status: NEW→FAIL, PASS→FAIL or FAIL→PASS. */
export const TARGET_STATE_CHANGED = 'target.state-changed';

/** The definition fields a state change tells of: nothing secret (no auth, headers or body). */
const NOTICE_FIELDS = [
  'id',
  'name',
  'url',
  'method',
  'frequencySeconds',
  'timeoutSeconds',
  'expectedStatus',
  'notifierIds',
] as const satisfies readonly (keyof TargetForProbing)[];

/** The target as it is after the probe: its definition without secrets, and its new state. */
export type StateChangedTarget = Pick<TargetForProbing, (typeof NOTICE_FIELDS)[number]> &
  TargetState & { authType: TargetForProbing['auth']['type'] };

/** The probe that caused the change, without its trace. */
export type StateChangeResult = Pick<
  ProbeResult,
  'status' | 'httpStatus' | 'responseTimeMs' | 'description' | 'startedAt'
>;

export class TargetStateChangedEvent {
  constructor(
    readonly target: StateChangedTarget,
    readonly result: StateChangeResult,
    readonly change: StateChange,
    /** The id of the stored change (state_changes); 0 when it was not stored. */
    readonly changeId = 0,
  ) {}

  /** The change as a target's definition, its new state and a probe result tell it. */
  static of(
    def: TargetForProbing,
    state: TargetState,
    result: ProbeResult,
    change: StateChange,
  ): TargetStateChangedEvent {
    const target = { authType: def.auth.type } as StateChangedTarget;
    for (const field of NOTICE_FIELDS) Object.assign(target, { [field]: def[field] });
    Object.assign(target, state);
    const { status, httpStatus, responseTimeMs, description, startedAt } = result;
    return new TargetStateChangedEvent(
      target,
      { status, httpStatus, responseTimeMs, description, startedAt },
      change,
    );
  }

  /** The change as stored (state_changes.details): JSON, read back by `fromJson`. */
  toJson(): string {
    return JSON.stringify({ target: this.target, result: this.result, change: this.change });
  }

  static fromJson(changeId: number, json: string): TargetStateChangedEvent {
    const parsed = JSON.parse(json) as {
      target: StateChangedTarget & { lastUpdated: string | null; lastProbeAt: string | null };
      result: StateChangeResult & { startedAt: string };
      change: StateChange;
    };
    const date = (value: string | null) => (value === null ? null : new Date(value));
    const target: StateChangedTarget = Object.assign(parsed.target, {
      lastUpdated: date(parsed.target.lastUpdated),
      lastProbeAt: date(parsed.target.lastProbeAt),
    });
    const result = { ...parsed.result, startedAt: new Date(parsed.result.startedAt) };
    return new TargetStateChangedEvent(target, result, parsed.change, changeId);
  }
}
