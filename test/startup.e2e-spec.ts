import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('start-up with a bad configuration', () => {
  it('exits non-zero with a message naming VIGIL_PORT', () => {
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts')],
      {
        env: { PATH: process.env.PATH, VIGIL_PORT: 'abc', VIGIL_DATA_DIR: '/nonexistent/vigil' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/VIGIL_PORT: must be a whole number between 1 and 65535/);
  });
});
