import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from './support/app';
import { runCli } from './cli/run-cli';

describe('typos in the configuration', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-config-typos-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('vigil serve exits 2 on VIGIL_PROT in the config file, suggesting VIGIL_PORT', async () => {
    const file = join(dir, 'vigil.json');
    writeFileSync(file, JSON.stringify({ VIGIL_PROT: 9000, VIGIL_PROBING_ENABLED: false }));
    const result = await runCli(['serve'], {
      tsNode: true,
      env: { VIGIL_CONFIG: file, VIGIL_DATA_DIR: join(dir, 'data') },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(`VIGIL_PROT: unknown key in ${file}, did you mean VIGIL_PORT?`);
    expect(result.stdout).not.toContain('listening');
  });

  it('starts with an unknown VIGIL_* variable, warning once and naming it', async () => {
    const t = await startTestApp('sqlite', {
      VIGIL_DOCS_ENABLE: 'false',
      VIGIL_URL: 'http://127.0.0.1:1',
      VIGIL_TEST_MYSQL_URL: 'mysql://root@127.0.0.1:3306',
    });
    try {
      const warnings = t.logger.lines.filter((l) => l.startsWith('warn [Config]'));
      expect(warnings).toEqual([
        'warn [Config] VIGIL_DOCS_ENABLE: unknown environment variable, ignored, did you mean VIGIL_DOCS_ENABLED?',
      ]);
      // ignored, as it says: the docs stay on
      expect((await fetch(`${t.url}/openapi.json`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
