/**
 * Writes (`write`) or verifies (`check`) the committed OpenAPI spec `openapi/openapi.json` and the
 * client types `openapi/schema.d.ts` generated from it. The spec is built from the application's
 * module graph in preview mode, so no database or other service is needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument, createApp } from '../bootstrap';
import { loadConfig } from '../app.config';
import { stableSpec } from './stable-spec';

const ROOT = join(__dirname, '..', '..', '..');
const SPEC_FILE = join(ROOT, 'openapi', 'openapi.json');
const TYPES_FILE = join(ROOT, 'openapi', 'schema.d.ts');

async function render(): Promise<{ spec: string; types: string }> {
  const app = await createApp(loadConfig({}), { preview: true, logger: false });
  const document = stableSpec(buildOpenApiDocument(app));
  await app.close();
  const spec = `${JSON.stringify(document, null, 2)}\n`;
  const header =
    '// Generated from openapi/openapi.json by `npm run openapi:generate`; do not edit.\n';
  const types = header + astToString(await openapiTS(JSON.parse(spec) as never));
  return { spec, types };
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<number> {
  const mode = process.argv[2];
  const { spec, types } = await render();
  if (mode === 'write') {
    writeFileSync(SPEC_FILE, spec);
    writeFileSync(TYPES_FILE, types);
    console.log(`wrote ${SPEC_FILE} and ${TYPES_FILE}`);
    return 0;
  }
  if (mode === 'check') {
    const stale = [
      read(SPEC_FILE) !== spec && 'openapi/openapi.json',
      read(TYPES_FILE) !== types && 'openapi/schema.d.ts',
    ].filter(Boolean);
    if (stale.length > 0) {
      console.error(
        `${stale.join(' and ')} differ from the code: run \`npm run openapi:generate\``,
      );
      return 1;
    }
    console.log('openapi/ matches the code');
    return 0;
  }
  console.error('usage: openapi write | check');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
