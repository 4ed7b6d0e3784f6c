import type { Agent } from 'undici';
import { ProbeAgents } from './probe-agents';
import type { ProbeTls } from './probe-spec';

const tls = (key: string, serverName?: string): ProbeTls => ({
  key,
  insecureSkipVerify: true,
  serverName,
});

describe('ProbeAgents', () => {
  let agents: ProbeAgents;
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T00:00:00Z'), doNotFake: ['nextTick'] });
    agents = new ProbeAgents();
  });
  afterEach(async () => {
    jest.useRealTimers();
    await agents.close();
  });

  it('gives equal TLS settings one agent, other settings and none their own', () => {
    const a = agents.for(tls('a'), true);
    expect(agents.for(tls('a'), true)).toBe(a);
    expect(agents.for(tls('b'), true)).not.toBe(a);
    expect(agents.for(undefined, true)).toBe(agents.default);
    expect(agents.default).not.toBe(a);
  });

  it('keeps serverName to the target own host: another host gets an agent without it', () => {
    const own = agents.for(tls('n', 'a.test'), true);
    const other = agents.for(tls('n', 'a.test'), false);
    expect(other).not.toBe(own);
    expect(agents.for(tls('m'), false)).toBe(agents.for(tls('m'), true));
  });

  it('closes the agent of settings nobody asked for in 10 minutes, and keeps the others', () => {
    const idle = agents.for(tls('idle'), true);
    jest.advanceTimersByTime(6 * 60_000);
    const busy = agents.for(tls('busy'), true);
    jest.advanceTimersByTime(5 * 60_000);
    expect(agents.for(tls('busy'), true)).toBe(busy);
    expect((idle as Agent).closed).toBe(true);
    expect(agents.for(tls('idle'), true)).not.toBe(idle);
  });
});
