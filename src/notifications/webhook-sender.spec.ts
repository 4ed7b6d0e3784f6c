import { scrub } from './webhook-sender';

describe('scrub', () => {
  it('replaces every secret, longest first, and keeps the text on one line', () => {
    const secrets = ['/hook?token=abc123', '?token=abc123', 'Bearer s3cr3t'];
    expect(
      scrub('POST /hook?token=abc123 refused\n(auth Bearer s3cr3t; query ?token=abc123)', secrets),
    ).toBe('POST [redacted] refused (auth [redacted]; query [redacted])');
  });

  it('takes secrets literally, not as patterns or replacement strings', () => {
    expect(scrub('a $& b .* c', ['$&', '.*'])).toBe('a [redacted] b [redacted] c');
  });
});
