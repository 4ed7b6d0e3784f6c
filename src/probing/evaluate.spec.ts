import { statusSetOf } from '../targets/expected-status';
import { certificateMismatch, evaluate, QUOTE_LIMIT, quote, WITHHELD } from './evaluate';
import { credentialsOf } from './http-prober';
import type { ProbeExpectations } from './probe-spec';
import { RegexThread } from './regex-thread';

describe('evaluate', () => {
  describe('body regex (RE2 on a thread of its own)', () => {
    let thread: RegexThread;
    beforeAll(async () => {
      thread = new RegexThread();
      await thread.test('warm', 'up'); // the thread's start is not what is measured
    });
    afterAll(() => thread.close());

    /** Probes the body with the pattern as the prober does: the verdict, then evaluate. */
    async function check(bodyRegex: string, body: string) {
      const expect: ProbeExpectations = { expectedStatus: 200, bodyRegex };
      const started = performance.now();
      const verdict = await thread.test(bodyRegex, body);
      const ms = performance.now() - started;
      return {
        mismatch: evaluate(expect, { status: 200, responseTimeMs: 5, body, bodyRegex: verdict }),
        ms,
      };
    }

    // each of these takes JavaScript's backtracking RegExp seconds to years on the hostile body
    it.each([
      ['(a+)+$', `${'a'.repeat(28)}!`, 'aaaa'],
      ['(a|aa)+$', `${'a'.repeat(5000)}!`, 'aaaa'],
      ['(x+x+)+y', 'x'.repeat(5000), 'xxxy'],
    ])(
      'answers %s quickly: FAIL on a hostile body, PASS on a matching one',
      async (pattern, hostile, fine) => {
        const bad = await check(pattern, hostile);
        expect(bad.mismatch).toEqual({
          kind: 'body',
          description: `body mismatch: does not match /${pattern}/`,
        });
        expect(bad.ms).toBeLessThan(100);
        const good = await check(pattern, fine);
        expect(good.mismatch).toBeNull();
        expect(good.ms).toBeLessThan(100);
      },
    );

    it('keeps the syntax the API documents: anchors, classes, inline flags; no flags of its own', async () => {
      expect(
        (await check('^\\{.*"status":\\s*"up".*\\}$', '{"status": "up"}')).mismatch,
      ).toBeNull();
      expect((await check('build \\d+', 'all systems nominal, build 4711')).mismatch).toBeNull();
      expect((await check('^down', 'up\ndown')).mismatch).not.toBeNull(); // ^ is the start of the body
      expect((await check('UP', 'up')).mismatch).not.toBeNull();
      expect((await check('(?i)UP', 'up')).mismatch).toBeNull();
    });

    it('fails a stored pattern RE2 refuses with a description that says so', async () => {
      expect((await check('(?<=a)b', 'ab')).mismatch).toEqual({
        kind: 'body',
        description:
          "body regex refused by RE2 (invalid perl operator: (?<=): change the target's bodyRegex",
      });
    });

    it('cuts a long pattern in the description', async () => {
      const long = `${'x'.repeat(100)}y`;
      const { mismatch } = await check(long, 'nothing');
      expect(mismatch?.description).toBe(
        `body mismatch: does not match /${'x'.repeat(QUOTE_LIMIT)}…/`,
      );
    });
  });

  describe('descriptions', () => {
    const json = (jsonPath: string, jsonEquals: unknown): ProbeExpectations => ({
      expectedStatus: 200,
      jsonPath,
      jsonEquals,
    });
    const answer = (body: unknown) => ({
      status: 200,
      responseTimeMs: 5,
      body: JSON.stringify(body),
    });

    it('quote at most the first 64 characters of a value found, with an ellipsis', () => {
      const value = `${'v'.repeat(200)}-end`;
      const mismatch = evaluate(json('status', 'up'), answer({ status: value }));
      expect(mismatch?.description).toBe(
        `JSON mismatch at status: "${'v'.repeat(QUOTE_LIMIT - 1)}… != "up"`,
      );
      expect(mismatch?.description).not.toContain('-end');
    });

    it('quote short values whole', () => {
      expect(evaluate(json('status', 'up'), answer({ status: 'down' }))?.description).toBe(
        'JSON mismatch at status: "down" != "up"',
      );
    });

    describe('withhold a value that echoes a credential of the request', () => {
      const auth = { type: 'BASIC' as const, username: 'probe', password: 'pa55-word' };
      const base64 = Buffer.from('probe:pa55-word').toString('base64');
      const headers = { 'X-Api-Key': 's3cr3t', authorization: `Basic ${base64}` };
      const credentials = () => credentialsOf(auth, headers);

      it.each<[string, unknown]>([
        ['a configured header', 's3cr3t'],
        ['the Authorization header', `Basic ${base64}`],
        ['the base64 of the BASIC credentials alone', base64],
        ['the password', 'pa55-word'],
        ['a text containing one', `key=s3cr3t;more`],
        ['a long text with one past the first 64 characters', `${'z'.repeat(100)}s3cr3t`],
        ['an object holding one', { 'x-api-key': 's3cr3t', accept: '*/*' }],
        ['a good part of one', base64.slice(0, 12)],
      ])('%s', (_, value) => {
        const mismatch = evaluate(json('echo', 'x'), answer({ echo: value }), credentials);
        expect(mismatch?.description).toBe(`JSON mismatch at echo: (${WITHHELD}) != "x"`);
        for (const secret of ['s3cr3t', base64, 'pa55-word', base64.slice(0, 12)]) {
          expect(mismatch?.description).not.toContain(secret);
        }
      });

      it('the Keystone token too', () => {
        const token = 'gAAAAABk-keystone-token';
        const keystone = credentialsOf(
          {
            type: 'OPENSTACK',
            authUrl: 'http://k',
            keystoneVersion: 'v3',
            username: 'u',
            password: 'pw-1234',
            projectName: 'p',
          },
          { 'x-auth-token': token },
        );
        expect(quote({ token }, keystone)).toBe(`(${WITHHELD})`);
        expect(quote('pw-1234', keystone)).toBe(`(${WITHHELD})`);
      });

      it('but quotes a value that shares nothing with them', () => {
        expect(
          evaluate(json('echo', 'x'), answer({ echo: 'hello' }), credentials)?.description,
        ).toBe('JSON mismatch at echo: "hello" != "x"');
      });

      it('and does not count very short header values as credentials', () => {
        expect(quote('build 1', credentialsOf({ type: 'NONE' }, { 'X-Debug': '1' }))).toBe(
          '"build 1"',
        );
      });
    });
  });

  describe('status lists and classes', () => {
    const set = (text: string): ProbeExpectations => ({
      expectedStatus: 0,
      expectedStatuses: statusSetOf(text),
    });
    const at = (status: number) => ({ status, responseTimeMs: 5 });

    it('passes any listed code or a code of a listed class, and names the set otherwise', () => {
      expect(evaluate(set('200,204'), at(204))).toBeNull();
      expect(evaluate(set('2xx'), at(299))).toBeNull();
      expect(evaluate(set('200,204'), at(201))).toEqual({
        kind: 'status',
        description: 'target status:201 not in 200,204',
      });
      expect(evaluate(set('2xx,301'), at(302))?.description).toBe(
        'target status:302 not in 2xx,301',
      );
    });
  });

  describe('bodyNotContains', () => {
    const expect200 = { expectedStatus: 200, bodyNotContains: 'maintenance' };

    it('fails a body that contains the text, quoting it', () => {
      expect(
        evaluate(expect200, { status: 200, responseTimeMs: 5, body: 'down for maintenance' }),
      ).toEqual({ kind: 'body', description: 'body mismatch: contains "maintenance"' });
      expect(evaluate(expect200, { status: 200, responseTimeMs: 5, body: 'all fine' })).toBeNull();
    });
  });

  describe('certificate expiry', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const days = (n: number) => new Date(now + n * 86_400_000);

    it('names the whole days left, rounded up, when fewer than asked', () => {
      expect(certificateMismatch(days(2.5), 7, now)).toEqual({
        kind: 'certificate',
        description: 'certificate expires in 3 days (2026-12-03T12:00:00.000Z)',
      });
      expect(certificateMismatch(days(0.2), 7, now)?.description).toMatch(
        /^certificate expires in 1 day \(/,
      );
      expect(certificateMismatch(days(-1), 7, now)?.description).toMatch(
        /^certificate expired on /,
      );
      expect(certificateMismatch(days(7), 7, now)).toBeNull();
    });
  });
});
