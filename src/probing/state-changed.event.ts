import type { TargetForProbing } from '../targets/targets.service';
import type { ProbeResult } from './probe-spec';
import type { StateChange, TargetState } from './state';

/** Published when a probe changes a target's status: NEW→FAIL, PASS→FAIL or FAIL→PASS. */
export const TARGET_STATE_CHANGED = 'target.state-changed';

/** The target as it is after the probe: its definition without secrets, and its new state. */
export type StateChangedTarget = Omit<TargetForProbing, 'auth' | keyof TargetState> &
  TargetState & { authType: TargetForProbing['auth']['type'] };

export class TargetStateChangedEvent {
  constructor(
    readonly target: StateChangedTarget,
    readonly result: ProbeResult,
    readonly change: StateChange,
  ) {}
}
