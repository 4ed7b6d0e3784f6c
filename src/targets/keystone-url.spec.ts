import { keystoneTokenUrl, parseKeystoneUrl } from './keystone-url';

describe('parseKeystoneUrl', () => {
  it.each([
    ['https://ks.example:5000/v2.0', 'v2.0', 'https://ks.example:5000'],
    ['https://ks.example:5000/v2.0/', 'v2.0', 'https://ks.example:5000'],
    ['https://ks.example:5000/v2.0/tokens', 'v2.0', 'https://ks.example:5000'],
    ['https://ks.example:5000/v2.0/tokens/', 'v2.0', 'https://ks.example:5000'],
    ['https://ks.example:5000/v3', 'v3', 'https://ks.example:5000'],
    ['https://ks.example:5000/v3/', 'v3', 'https://ks.example:5000'],
    ['https://ks.example:5000/v3/auth/tokens', 'v3', 'https://ks.example:5000'],
    ['https://ks.example:5000/v3/auth/tokens//', 'v3', 'https://ks.example:5000'],
    ['https://cloud.example/identity/v2.0/tokens', 'v2.0', 'https://cloud.example/identity'],
    ['https://cloud.example/identity/v3/', 'v3', 'https://cloud.example/identity'],
    ['http://10.0.0.5:35357/V2.0/Tokens', 'v2.0', 'http://10.0.0.5:35357'],
    ['https://cloud.example/identity', null, 'https://cloud.example/identity'],
    ['https://cloud.example/identity/', null, 'https://cloud.example/identity'],
    ['https://ks.example:5000', null, 'https://ks.example:5000'],
  ])('reads %s as version %s under %s', (url, version, base) => {
    expect(parseKeystoneUrl(url)).toEqual({ version, base });
  });

  it('does not take a version-like word inside the path for the version', () => {
    expect(parseKeystoneUrl('https://x.example/v3/identity')).toEqual({
      version: null,
      base: 'https://x.example/v3/identity',
    });
  });
});

describe('keystoneTokenUrl', () => {
  it.each([
    ['https://ks.example:5000/v2.0/tokens', 'v2.0', 'https://ks.example:5000/v2.0/tokens'],
    ['https://ks.example:5000/v2.0/', 'v2.0', 'https://ks.example:5000/v2.0/tokens'],
    ['https://ks.example:5000/v3/auth/tokens', 'v3', 'https://ks.example:5000/v3/auth/tokens'],
    ['https://ks.example:5000/v3', 'v3', 'https://ks.example:5000/v3/auth/tokens'],
    ['https://cloud.example/identity/', 'v3', 'https://cloud.example/identity/v3/auth/tokens'],
    ['https://cloud.example/identity', 'v2.0', 'https://cloud.example/identity/v2.0/tokens'],
  ] as const)('POSTs for %s (%s) to %s', (url, version, tokens) => {
    expect(keystoneTokenUrl(url, version)).toBe(tokens);
  });
});
