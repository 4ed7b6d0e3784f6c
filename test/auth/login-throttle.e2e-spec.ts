import { hashSync } from 'bcrypt';
import request from 'supertest';
import { PasswordChecker } from '../../src/auth/password-checker';
import { basicAuth, startTestApp, type TestApp } from '../support/app';

const alice = { name: 'alice', password: 'alice-secret-Pa55' };
const bob = { name: 'bob', password: 'bob-secret-Pa55' };
// cost 10 (~50 ms a check): long enough for a burst's requests to overlap their checks
const USERS = [alice, bob].map((u) => `${u.name}:${hashSync(u.password, 10)}:operator`).join(',');

function start(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp('sqlite', {
    VIGIL_USERS: USERS,
    VIGIL_AUTH_MAX_FAILURES: '10',
    VIGIL_AUTH_CACHE_SECONDS: '60',
    ...env,
  });
}

function me(t: TestApp, user: { name: string; password: string }) {
  return request(t.url).get('/api/v1/me').set('Authorization', basicAuth(user));
}

const comparisons = (t: TestApp) => t.app.get(PasswordChecker).comparisons;

describe('login throttling per address and user name', () => {
  let t: TestApp;

  afterEach(async () => {
    await t.close();
  });

  it.each([
    ['200 different wrong passwords', (i: number) => `guess-${i}`],
    ['the same wrong password 200 times', () => 'guess'],
  ])(
    'checks at most 10 of %s for alice at once, and refuses the rest with 429 and the real Retry-After',
    async (_name, password) => {
      t = await start({ VIGIL_AUTH_FAILURE_WINDOW_SECONDS: '4' });
      const before = comparisons(t);
      const burstStart = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const res = await me(t, { name: alice.name, password: password(i) });
          return { res, at: Date.now() };
        }),
      );
      const checked = comparisons(t) - before;
      expect(checked).toBeGreaterThanOrEqual(1);
      expect(checked).toBeLessThanOrEqual(10);
      const statuses = answers.map((a) => a.res.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      const refused = answers.filter((a) => a.res.status === 429);
      expect(refused).toHaveLength(190);
      for (const { res } of refused) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(res.text)).toMatchObject({ status: 429, title: 'Too Many Requests' });
      }

      // alice's right password is refused until the block ends; each Retry-After reached that far
      let unblockedAt = 0;
      // the block was still on when the last refused poll was sent
      let stillBlockedAt = burstStart;
      while (!unblockedAt) {
        const sentAt = Date.now();
        const res = await me(t, alice);
        if (res.status === 200) unblockedAt = Date.now();
        else {
          expect(res.status).toBe(429);
          stillBlockedAt = sentAt;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      expect(unblockedAt - burstStart).toBeGreaterThanOrEqual(4000 - 100);
      for (const { res, at } of refused) {
        const retryAfter = Number(res.headers['retry-after']);
        expect(Number.isInteger(retryAfter)).toBe(true);
        expect(at + retryAfter * 1000).toBeGreaterThanOrEqual(stillBlockedAt);
      }
      expect(comparisons(t) - before - checked).toBe(1);
    },
  );

  it('lets bob in with his password from an address where alice failed 10 times', async () => {
    t = await start();
    const firstFailure = Date.now();
    for (let i = 0; i < 10; i++) await me(t, { ...alice, password: `guess-${i}` }).expect(401);
    const blocked = await me(t, alice).expect(429);
    // until the first failure leaves the 60 s window: less the time the failures took, whatever
    // the load on the machine
    const elapsedSeconds = Math.ceil((Date.now() - firstFailure) / 1000);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(60 - elapsedSeconds - 1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const res = await me(t, bob).expect(200);
    expect(res.body).toEqual({ name: 'bob', role: 'operator' });
  });

  it('refuses an address that fails for many user names, whatever the name', async () => {
    t = await start({ VIGIL_AUTH_MAX_ADDRESS_FAILURES: '25' });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await me(t, { name: `user-${i}`, password: 'guess' })).status);
    }
    expect(statuses.slice(0, 25)).toEqual(Array(25).fill(401));
    expect(statuses.slice(25)).toEqual(Array(5).fill(429));
    const res = await me(t, bob).expect(429);
    expect(JSON.parse(res.text).detail).toMatch(/Too many failed logins/);
  });

  it('checks an unknown user name with one bcrypt comparison (against the dummy hash)', async () => {
    t = await start();
    const before = comparisons(t);
    await me(t, { name: 'nobody', password: alice.password }).expect(401);
    expect(comparisons(t) - before).toBe(1);
    await me(t, { ...alice, password: 'wrong' }).expect(401);
    expect(comparisons(t) - before).toBe(2);
  });

  it('checks the same right password arriving 50 times at once with one bcrypt comparison', async () => {
    t = await start();
    const before = comparisons(t);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => (await me(t, alice)).status),
    );
    expect(statuses).toEqual(Array(50).fill(200));
    expect(comparisons(t) - before).toBe(1);
  });

  it('answers 503 with Retry-After when more checks wait than the queue holds, without counting them as failures', async () => {
    const slow = `slow:${hashSync('slow-secret-Pa55', 10)}:viewer`;
    t = await start({
      VIGIL_USERS: `${USERS},${slow}`,
      VIGIL_AUTH_BCRYPT_CONCURRENCY: '1',
      VIGIL_AUTH_BCRYPT_QUEUE: '1',
    });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => me(t, { name: 'slow', password: `guess-${i}` })),
    );
    const busy = answers.filter((res) => res.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(answers.filter((res) => res.status === 401).length).toBeGreaterThanOrEqual(2);
    for (const res of busy) {
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // only the checked attempts count: 10 - (those) wrong passwords still get a check
    const failed = answers.filter((res) => res.status === 401).length;
    for (let i = failed; i < 10; i++) {
      await me(t, { name: 'slow', password: `again-${i}` }).expect(401);
    }
    await me(t, { name: 'slow', password: 'one-more' }).expect(429);
  });
});
