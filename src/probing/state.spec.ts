import type { ProbeResult } from './probe-spec';
import {
  applyResult,
  isPublished,
  newTargetState,
  stateOf,
  TARGET_STATE_KEYS,
  type TargetState,
  type Thresholds,
} from './state';

const fresh = (): TargetState => newTargetState(null);

const pass = (httpStatus = 200): ProbeResult => ({
  status: 'PASS',
  httpStatus,
  responseTimeMs: 12.4,
  description: 'OK',
  networkFailure: false,
  startedAt: new Date('2026-11-21T10:00:00Z'),
  steps: [],
  redirects: 0,
  finalUrl: null,
  certificateExpiresAt: null,
});
const fail = (httpStatus: number | null, description = 'boom'): ProbeResult => ({
  ...pass(),
  status: 'FAIL',
  httpStatus,
  description,
  networkFailure: httpStatus === null,
});

function run(
  results: ProbeResult[],
  thresholds: Thresholds = { failureThreshold: 1, recoveryThreshold: 1 },
) {
  let state = fresh();
  const changes: string[] = [];
  results.forEach((r, i) => {
    const out = applyResult(state, r, thresholds, new Date(Date.UTC(2026, 10, 21, 10, 0, i)));
    state = out.state;
    if (out.change) changes.push(`${out.change.from}->${out.change.to}@${i}`);
  });
  return { state, changes };
}

describe('applyResult', () => {
  it('alerts straight from NEW to FAIL on the first failure (threshold 1)', () => {
    const { state, changes } = run([fail(503, 'target status:503 != 200')]);
    expect(changes).toEqual(['NEW->FAIL@0']);
    expect(state).toMatchObject({
      status: 'FAIL',
      previousStatus: 'NEW',
      statusDescription: 'target status:503 != 200',
      failCount: 1,
      status5xxCount: 1,
      repeatedFailCount: 1,
      lastUpdated: new Date(Date.UTC(2026, 10, 21, 10, 0, 0)),
    });
  });

  it('changes nothing while a target keeps failing, and recovers on a pass', () => {
    const { state, changes } = run([pass(), fail(null), fail(404), fail(302), pass(204)]);
    expect(changes).toEqual(['NEW->PASS@0', 'PASS->FAIL@1', 'FAIL->PASS@4']);
    expect(state).toMatchObject({
      status: 'PASS',
      previousStatus: 'FAIL',
      passCount: 2,
      failCount: 3,
      status2xxCount: 2,
      status3xxCount: 1,
      status4xxCount: 1,
      status5xxCount: 0,
      networkFailCount: 1,
      repeatedFailCount: 0,
      lastUpdated: new Date(Date.UTC(2026, 10, 21, 10, 0, 4)),
    });
  });

  it('honours failure and recovery thresholds', () => {
    const t = { failureThreshold: 3, recoveryThreshold: 2 };
    const { changes } = run(
      [
        pass(),
        fail(500),
        fail(500),
        pass(),
        fail(500),
        fail(500),
        fail(500),
        pass(),
        fail(500),
        pass(),
        pass(),
      ],
      t,
    );
    expect(changes).toEqual(['NEW->PASS@0', 'PASS->FAIL@6', 'FAIL->PASS@10']);
  });

  it('keeps the description of the current status while below the threshold', () => {
    const { state } = run([pass(), fail(500, 'flaky')], {
      failureThreshold: 2,
      recoveryThreshold: 1,
    });
    expect(state).toMatchObject({ status: 'PASS', statusDescription: 'OK', repeatedFailCount: 1 });
  });

  it('publishes the changes to and from FAIL, not a first pass', () => {
    expect(isPublished({ from: 'NEW', to: 'FAIL' })).toBe(true);
    expect(isPublished({ from: 'PASS', to: 'FAIL' })).toBe(true);
    expect(isPublished({ from: 'FAIL', to: 'PASS' })).toBe(true);
    expect(isPublished({ from: 'NEW', to: 'PASS' })).toBe(false);
    expect(isPublished(null)).toBe(false);
  });
});

describe('stateOf', () => {
  it('takes exactly the state fields, always in the same order, from a target or a state', () => {
    const target = { id: 7, name: 'web', ...newTargetState(null), passCount: 3, url: 'http://x/' };
    const state = stateOf(target);
    expect(Object.keys(state)).toEqual([...TARGET_STATE_KEYS]);
    expect(state).toEqual({ ...newTargetState(null), passCount: 3 });
    const next = applyResult(state, fail(503), { failureThreshold: 1, recoveryThreshold: 1 });
    expect(Object.keys(next.state)).toEqual([...TARGET_STATE_KEYS]);
    expect(next.state).toMatchObject({ status: 'FAIL', failCount: 1, passCount: 3 });
    // a copy: the state it came from is unchanged
    expect(state.failCount).toBe(0);
  });
});
