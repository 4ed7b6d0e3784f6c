import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { startSmtpServer, type TestSmtpServer } from './notifications/smtp-servers';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from './support/app';
import {
  HostileGenerator,
  type HostileRequest,
  type OpenApi,
  operationsOf,
} from './support/hostile';
import { describeWithIcinga, type IcingaInstance, startTestIcinga } from './support/icinga';

/**
 * Spec-driven fuzzing: for every operation of openapi/openapi.json, hostile requests (wrong
 * types, null, huge and negative numbers, deep nesting, unpaired surrogates, long strings, missing
 * and extra fields, bad JSON, bad percent-encoding) sent with an admin's credentials to the real
 * app on SQLite, with a private Icinga 2 behind its livestatus site and command pipe and an SMTP
 * server that takes every mail. No answer may be a 5xx, and every error is problem+json.
 *
 * VIGIL_FUZZ_SEED replays a run (the seed is printed); VIGIL_FUZZ_REQUESTS sets how many.
 */
const SEED = Number(process.env.VIGIL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.VIGIL_FUZZ_REQUESTS ?? 3000);
const CONCURRENCY = 4;
const AUTH = basicAuth(TEST_USERS.admin);

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

function send(baseUrl: string, req: HostileRequest): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    const r = httpRequest(
      {
        host: hostname,
        port,
        method: req.method,
        path: req.url,
        headers: {
          Authorization: AUTH,
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.setTimeout(20_000, () => r.destroy(new Error('no answer within 20 s')));
    r.on('error', reject);
    r.end(body);
  });
}

/**
 * The fuzzer may itself point the notifier at a server that does not exist (a valid PATCH of
 * made-up settings): its test delivery then fails upstream, which is 502 with this title.
 */
const UPSTREAM_TEST_FAILURE = /^(SMTP|Webhook) delivery failed$/;

/** What is wrong with an answer, or null when it is fine. */
function faultOf(answer: Answer, url: string): string | null {
  const { status } = answer;
  if (status === 502 && /^\/api\/v1\/notifiers\/[^/]+\/test(\?|$)/.test(url)) {
    let title: unknown;
    try {
      title = (JSON.parse(answer.text) as { title?: unknown }).title;
    } catch {
      title = undefined;
    }
    if (typeof title === 'string' && UPSTREAM_TEST_FAILURE.test(title)) return problemFault(answer);
  }
  if (status >= 500) return `status ${status}`;
  if (status < 400) return null;
  return problemFault(answer);
}

/** What is wrong with an error answer's problem document, or null when it is complete. */
function problemFault(answer: Answer): string | null {
  const { status } = answer;
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `status ${status} as ${answer.contentType || 'no content type'}`;
  }
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return `status ${status} with a body that is not JSON`;
  }
  const ok =
    typeof problem.type === 'string' &&
    typeof problem.title === 'string' &&
    problem.status === status &&
    typeof problem.detail === 'string';
  return ok ? null : `status ${status} with an incomplete problem`;
}

describeWithIcinga('API fuzzing from the OpenAPI spec', () => {
  let icinga: IcingaInstance;
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    icinga = await startTestIcinga();
    smtp = await startSmtpServer();
    t = await startTestApp('sqlite', {
      VIGIL_LIVESTATUS_SITES: `local=unix:${icinga.socketPath}`,
      VIGIL_COMMAND_PIPE: icinga.commandPipe,
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await icinga?.stop();
  });

  it(`answers ${REQUESTS} hostile requests with no server error and problem+json errors`, async () => {
    console.log(
      `API fuzz seed ${SEED} (replay: VIGIL_FUZZ_SEED=${SEED} npx jest test/api-fuzz.e2e-spec.ts)`,
    );
    const spec = JSON.parse(
      readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8'),
    ) as OpenApi;
    const operations = operationsOf(spec);
    const generator = new HostileGenerator(spec, SEED);
    // a target and a notifier for the `{id}` routes to find
    await send(t.url, {
      method: 'POST',
      url: '/api/v1/targets',
      body: JSON.stringify({ name: 'fuzz', url: 'http://127.0.0.1:9/' }),
      mutations: [],
    });
    await send(t.url, {
      method: 'POST',
      url: '/api/v1/notifiers',
      body: JSON.stringify({
        name: 'fuzz',
        address: ['ops@example.com'],
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'vigil@example.com' },
      }),
      mutations: [],
    });

    // generated up front, in order, so that a seed always yields the same requests
    const requests = Array.from({ length: REQUESTS }, (_, i) => {
      const op = operations[i % operations.length];
      return { op, req: generator.next(op) };
    });
    const faults: string[] = [];
    const counts = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const { req } = requests[next++];
          const answer = await send(t.url, req).catch((err: Error): Answer => ({
            status: 0,
            contentType: '',
            text: err.message,
          }));
          counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
          const fault =
            answer.status === 0 ? `no answer: ${answer.text}` : faultOf(answer, req.url);
          if (fault) {
            faults.push(
              `${fault}: ${req.method} ${req.url.slice(0, 120)} [${req.mutations.join('; ')}] ` +
                `→ ${answer.text.slice(0, 200)}`,
            );
          }
        }
      }),
    );
    console.log(
      `API fuzz seed ${SEED}: ${REQUESTS} requests over ${operations.length} operations; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...counts].sort(([a], [b]) => a - b)))}`,
    );
    expect({ seed: SEED, faults: faults.slice(0, 30), total: faults.length }).toEqual({
      seed: SEED,
      faults: [],
      total: 0,
    });
    expect(t.logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
  }, 180_000); // thousands of requests, while other test files share the machine
});
