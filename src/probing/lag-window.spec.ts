import { LagWindow } from './lag-window';

describe('LagWindow', () => {
  it('tells the largest lag of the last minute and forgets older ones', () => {
    let now = 1_000_000;
    const lag = new LagWindow(60, () => now);
    expect(lag.max()).toBeNull();
    lag.record(3.4);
    lag.record(250);
    now += 1500;
    lag.record(12);
    expect(lag.max()).toBe(250);
    // the second that saw 250 ms leaves the window after 60 s
    now += 58_600;
    expect(lag.max()).toBe(12);
    now += 1000;
    expect(lag.max()).toBeNull();
  });

  it('reuses a slot of the ring for a later second, not mixing in its old maximum', () => {
    let now = 0;
    const lag = new LagWindow(60, () => now);
    lag.record(900);
    now = 60_000;
    lag.record(5);
    expect(lag.max()).toBe(5);
  });
});
