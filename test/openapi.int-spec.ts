import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument, createApp } from '../src/bootstrap';
import { loadConfig } from '../src/app.config';
import { stableSpec } from '../src/tools/stable-spec';

const PUBLIC_PATHS = ['/health', '/health/live', '/health/ready'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

describe('the OpenAPI spec', () => {
  let spec: OpenAPIObject;

  beforeAll(async () => {
    const app = await createApp(loadConfig({}), { preview: true, logger: false });
    spec = buildOpenApiDocument(app);
    await app.close();
  });

  function operations() {
    return Object.entries(spec.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
    );
  }

  it('declares HTTP Basic auth', () => {
    expect(spec.components?.securitySchemes?.basic).toEqual({ type: 'http', scheme: 'basic' });
  });

  it('gives every operation a unique operationId and a summary', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations()) {
      expect([path, method, typeof op.summary]).toEqual([path, method, 'string']);
    }
  });

  it('describes every operation beyond its summary, as spectral:oas asks', () => {
    const missing = operations()
      .filter(({ op }) => !op.description || op.description.trim() === op.summary?.trim())
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('declares, with a description, every tag an operation uses', () => {
    const declared = new Map((spec.tags ?? []).map((t) => [t.name, t.description]));
    const undeclared = operations()
      .flatMap(({ path, method, op }) =>
        (op.tags ?? []).map((tag) => ({ tag, at: `${method.toUpperCase()} ${path}` })),
      )
      .filter(({ tag }) => !declared.get(tag))
      .map(({ tag, at }) => `${tag} (${at})`);
    expect(undeclared).toEqual([]);
    expect(operations().every(({ op }) => (op.tags ?? []).length > 0)).toBe(true);
  });

  it('names a relative server, so that "Try it out" calls the vigil that served the spec', () => {
    expect(spec.servers).toEqual([expect.objectContaining({ url: '.' })]);
  });

  it('marks every non-public operation as needing basic auth, with its 401 and 403', () => {
    for (const { path, method, op } of operations()) {
      if (PUBLIC_PATHS.includes(path)) continue;
      expect([path, method, op.security]).toEqual([path, method, [{ basic: [] }]]);
      expect([path, method, Object.keys(op.responses)]).toEqual([
        path,
        method,
        expect.arrayContaining(['401', '403']),
      ]);
    }
  });

  it('documents error answers as problem+json', () => {
    const me = spec.paths['/api/v1/me'].get!;
    expect(me.responses['401']).toMatchObject({
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
      },
    });
  });

  it('is the spec committed in openapi/openapi.json', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8'),
    ) as OpenAPIObject;
    expect(stableSpec(JSON.parse(JSON.stringify(spec)))).toEqual(committed);
  });
});
