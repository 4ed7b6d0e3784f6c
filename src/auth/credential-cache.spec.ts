import { CredentialCache } from './credential-cache';

describe('CredentialCache', () => {
  it('answers a verified pair until it expires', () => {
    let now = 1000;
    const cache = new CredentialCache<string>(5000, 100, () => now);
    cache.set('ann', 'secret', 'ok');
    expect(cache.get('ann', 'secret')).toBe('ok');
    now += 4999;
    expect(cache.get('ann', 'secret')).toBe('ok');
    now += 1;
    expect(cache.get('ann', 'secret')).toBeUndefined();
  });

  it('does not answer another password or user', () => {
    const cache = new CredentialCache<string>(5000);
    cache.set('ann', 'secret', 'ok');
    expect(cache.get('ann', 'Secret')).toBeUndefined();
    expect(cache.get('bob', 'secret')).toBeUndefined();
    // the separator keeps "an" + "nsecret" apart from "ann" + "secret"
    expect(cache.get('an', 'nsecret')).toBeUndefined();
  });

  it('never keeps the password itself', () => {
    const cache = new CredentialCache<string>(5000);
    cache.set('ann', 'very-secret-password', 'ok');
    const inside = JSON.stringify([
      ...(cache as unknown as { entries: Map<string, unknown> }).entries,
    ]);
    expect(inside).not.toContain('very-secret-password');
  });

  it('drops the oldest entry when full, and everything on clear', () => {
    const cache = new CredentialCache<number>(5000, 2);
    cache.set('a', 'p', 1);
    cache.set('b', 'p', 2);
    cache.set('c', 'p', 3);
    expect(cache.get('a', 'p')).toBeUndefined();
    expect(cache.get('c', 'p')).toBe(3);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('caches nothing with a zero lifetime', () => {
    const cache = new CredentialCache<number>(0);
    cache.set('a', 'p', 1);
    expect(cache.get('a', 'p')).toBeUndefined();
  });
});
