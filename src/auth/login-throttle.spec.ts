import { type LoginAttempt, LoginThrottle } from './login-throttle';

const LIMITS = { maxFailures: 3, maxAddressFailures: 5, windowMs: 60_000 };

function admitted(throttle: LoginThrottle, address: string, user: string): LoginAttempt {
  const admission = throttle.admit(address, user);
  if (!admission.attempt) throw new Error(`refused for ${admission.retryAfterSeconds} s`);
  return admission.attempt;
}

describe('LoginThrottle', () => {
  it('blocks a user name from an address after the maximum failures until the window passes', () => {
    let now = 0;
    const throttle = new LoginThrottle(LIMITS, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(0);
      admitted(throttle, '10.0.0.1', 'alice').failed();
      now += 1000;
    }
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(57);
    expect(throttle.admit('10.0.0.1', 'alice')).toEqual({ retryAfterSeconds: 57 });
    expect(throttle.blockedSeconds('10.0.0.2', 'alice')).toBe(0);
    expect(throttle.blockedSeconds('10.0.0.1', 'bob')).toBe(0);
    now = 60_001;
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(0);
    expect(throttle.admit('10.0.0.1', 'alice').attempt).toBeDefined();
  });

  it('counts attempts in flight before their check answers, and refuses beyond the maximum', () => {
    let now = 5_000;
    const throttle = new LoginThrottle(LIMITS, () => now);
    const inFlight = [0, 1, 2].map(() => admitted(throttle, '10.0.0.1', 'alice'));
    // nothing has failed yet, yet a fourth concurrent attempt gets no slot
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(0);
    expect(throttle.admit('10.0.0.1', 'alice')).toEqual({ retryAfterSeconds: 60 });
    now += 700;
    // the block once they fail lasts from their start: 59.3 s, rounded up
    expect(throttle.admit('10.0.0.1', 'alice')).toEqual({ retryAfterSeconds: 60 });
    inFlight.forEach((a) => a.failed());
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(60);
    now += 300;
    expect(throttle.admit('10.0.0.1', 'alice')).toEqual({ retryAfterSeconds: 59 });
    now = 5_000 + 60_000;
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(0);
  });

  it('frees the slot of an attempt that succeeded or was never checked', () => {
    const throttle = new LoginThrottle(LIMITS, () => 0);
    const first = [0, 1, 2].map(() => admitted(throttle, '10.0.0.1', 'alice'));
    first.forEach((a) => a.release());
    first[0].failed(); // a closed attempt stays closed
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(0);
    expect(throttle.admit('10.0.0.1', 'alice').attempt).toBeDefined();
  });

  it("lets another user name through from an address that failed for one, up to the address's limit", () => {
    let now = 0;
    const throttle = new LoginThrottle(LIMITS, () => now);
    for (let i = 0; i < 3; i++) admitted(throttle, '10.0.0.1', 'alice').failed();
    expect(throttle.blockedSeconds('10.0.0.1', 'alice')).toBe(60);
    expect(throttle.blockedSeconds('10.0.0.1', 'bob')).toBe(0);
    now = 10_000;
    admitted(throttle, '10.0.0.1', 'bob').failed();
    admitted(throttle, '10.0.0.1', 'carol').failed();
    // five failures from the address, across names: every name is refused, others are not
    expect(throttle.blockedSeconds('10.0.0.1', 'dave')).toBe(50);
    expect(throttle.admit('10.0.0.1', 'dave')).toEqual({ retryAfterSeconds: 50 });
    expect(throttle.blockedSeconds('10.0.0.2', 'dave')).toBe(0);
    // the address's block ends when its oldest failure leaves the window
    now = 60_000;
    expect(throttle.blockedSeconds('10.0.0.1', 'dave')).toBe(0);
  });

  it('counts attempts in flight for other names against the address limit', () => {
    const throttle = new LoginThrottle(LIMITS, () => 0);
    for (const user of ['a', 'b', 'c', 'd', 'e']) admitted(throttle, '10.0.0.1', user);
    expect(throttle.admit('10.0.0.1', 'f')).toEqual({ retryAfterSeconds: 60 });
  });

  it('forgets addresses once nothing of theirs is left', () => {
    let now = 0;
    const throttle = new LoginThrottle(LIMITS, () => now);
    admitted(throttle, '10.0.0.1', 'alice').failed();
    admitted(throttle, '10.0.0.2', 'bob').release();
    const inside = throttle as unknown as {
      pairs: Map<string, unknown>;
      addresses: Map<string, unknown>;
    };
    expect(inside.pairs.size).toBe(1);
    now = 60_000;
    throttle.blockedSeconds('10.0.0.1', 'alice');
    expect(inside.pairs.size).toBe(0);
    expect(inside.addresses.size).toBe(0);
  });
});
