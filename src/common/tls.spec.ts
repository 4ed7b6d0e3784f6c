import { isLoopback, plainHttpWarning } from './tls';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])(
    'holds for %s',
    (host) => expect(isLoopback(host)).toBe(true),
  );

  it.each(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'vigil.example', '127.0.0.1.example'])(
    'does not hold for %s',
    (host) => expect(isLoopback(host)).toBe(false),
  );
});

describe('plainHttpWarning', () => {
  it('warns in one line for plain HTTP on an address other machines reach', () => {
    const warning = plainHttpWarning({ host: '0.0.0.0' });
    expect(warning).toMatch(/^plain HTTP on 0\.0\.0\.0: HTTP Basic passwords cross the network/);
    expect(warning).toContain('VIGIL_TLS_CERT_FILE');
    expect(warning).not.toContain('\n');
  });

  it('stays quiet over HTTPS or on loopback', () => {
    const tls = { certFile: '/c.pem', keyFile: '/k.pem' };
    expect(plainHttpWarning({ host: '0.0.0.0', tls })).toBeUndefined();
    expect(plainHttpWarning({ host: '127.0.0.1' })).toBeUndefined();
  });
});
