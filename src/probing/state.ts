import type { TargetStateView, TargetStatus } from '../targets/target-state-reader';
import type { ProbeResult } from './probe-spec';

/**
 * The state a target keeps between probes: what the API shows of it (TargetStateView), and the
 * consecutive passes for the recovery threshold; `lastUpdated` is null in a state that leaves
 * the stored one as it is.
 */
export interface TargetState extends Omit<TargetStateView, 'lastUpdated'> {
  lastUpdated: Date | null;
  /** Consecutive passing probes; reset by a failed probe. */
  repeatedPassCount: number;
}

/** Every field of the state, in a fixed order. */
export const TARGET_STATE_KEYS = [
  'status',
  'statusDescription',
  'previousStatus',
  'lastUpdated',
  'lastProbeAt',
  'lastResponseTimeMs',
  'passCount',
  'failCount',
  'status2xxCount',
  'status3xxCount',
  'status4xxCount',
  'status5xxCount',
  'networkFailCount',
  'repeatedFailCount',
  'repeatedPassCount',
] as const satisfies readonly (keyof TargetState)[];

/**
 * The state fields of `source` (a target, or a state) as a state of their own. Every state is
 * built by this one literal, so that all have one shape: the probes read them with monomorphic
 * property loads (an object made by spreading another can get a hidden class of its own).
 */
export function stateOf(source: TargetState): TargetState {
  return {
    status: source.status,
    statusDescription: source.statusDescription,
    previousStatus: source.previousStatus,
    lastUpdated: source.lastUpdated,
    lastProbeAt: source.lastProbeAt,
    lastResponseTimeMs: source.lastResponseTimeMs,
    passCount: source.passCount,
    failCount: source.failCount,
    status2xxCount: source.status2xxCount,
    status3xxCount: source.status3xxCount,
    status4xxCount: source.status4xxCount,
    status5xxCount: source.status5xxCount,
    networkFailCount: source.networkFailCount,
    repeatedFailCount: source.repeatedFailCount,
    repeatedPassCount: source.repeatedPassCount,
  };
}

/** The state of a target that was never probed. */
export function newTargetState<T extends Date | null>(
  lastUpdated: T,
): TargetState & { lastUpdated: T } {
  return {
    status: 'NEW',
    statusDescription: null,
    previousStatus: null,
    lastUpdated,
    lastProbeAt: null,
    lastResponseTimeMs: null,
    passCount: 0,
    failCount: 0,
    status2xxCount: 0,
    status3xxCount: 0,
    status4xxCount: 0,
    status5xxCount: 0,
    networkFailCount: 0,
    repeatedFailCount: 0,
    repeatedPassCount: 0,
  };
}

export interface Thresholds {
  /** Consecutive failures that turn the status to FAIL. */
  failureThreshold: number;
  /** Consecutive passes that turn a FAIL back to PASS. */
  recoveryThreshold: number;
}

export interface StateChange {
  from: TargetStatus;
  to: 'PASS' | 'FAIL';
}

/**
 * Whether a change is published (TARGET_STATE_CHANGED): NEW→FAIL, PASS→FAIL and FAIL→PASS are;
 * a target's first pass (NEW→PASS) is not news.
 */
export function isPublished(change: StateChange | null): change is StateChange {
  return change !== null && (change.to === 'FAIL' || change.from === 'FAIL');
}

/**
 * The target's state after one probe, and the change of status it causes, if any: to FAIL
 * after `failureThreshold` consecutive failures (also straight from NEW), back to PASS after
 * `recoveryThreshold` consecutive passes. NEW becomes PASS on its first passing probe.
 * `lastUpdated` moves only when the status changes.
 */
export function applyResult(
  state: TargetState,
  result: ProbeResult,
  thresholds: Thresholds,
  now: Date = new Date(),
): { state: TargetState; change: StateChange | null } {
  const next = stateOf(state);
  const passed = result.status === 'PASS';
  next.lastProbeAt = result.startedAt;
  next.lastResponseTimeMs = Math.round(result.responseTimeMs);
  if (passed) {
    next.passCount += 1;
    next.repeatedPassCount += 1;
    next.repeatedFailCount = 0;
  } else {
    next.failCount += 1;
    next.repeatedFailCount += 1;
    next.repeatedPassCount = 0;
  }
  const code = result.httpStatus;
  if (code === null) next.networkFailCount += 1;
  else if (code >= 200 && code < 300) next.status2xxCount += 1;
  else if (code >= 300 && code < 400) next.status3xxCount += 1;
  else if (code >= 400 && code < 500) next.status4xxCount += 1;
  else if (code >= 500 && code < 600) next.status5xxCount += 1;

  let to: 'PASS' | 'FAIL' | null = null;
  if (!passed && state.status !== 'FAIL' && next.repeatedFailCount >= thresholds.failureThreshold) {
    to = 'FAIL';
  } else if (
    passed &&
    (state.status === 'NEW' ||
      (state.status === 'FAIL' && next.repeatedPassCount >= thresholds.recoveryThreshold))
  ) {
    to = 'PASS';
  }
  if (to) {
    next.previousStatus = state.status;
    next.status = to;
    next.lastUpdated = now;
  }
  if (to || passed === (next.status === 'PASS')) next.statusDescription = result.description;
  return { state: next, change: to ? { from: state.status, to } : null };
}
