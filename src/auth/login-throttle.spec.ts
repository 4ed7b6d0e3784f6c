import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('blocks an address after the maximum failures until the window passes', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
      throttle.recordFailure('10.0.0.1');
      now += 1000;
    }
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(57);
    expect(throttle.retryAfterSeconds('10.0.0.2')).toBe(0);
    now = 60_001;
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
  });
});
