import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSlice } from './config-slice';
import { ConfigError, loadSettings } from './load-settings';
import { Flag, IntegerIn, OneOf } from './settings';

class PondSettings {
  @IntegerIn(1, 10, 'ducks')
  VIGIL_POND_DUCKS?: number;

  @Flag()
  VIGIL_POND_FROZEN?: boolean;

  @OneOf(['reed', 'lily', 'moss'])
  VIGIL_POND_PLANT?: string;
}

const pond = configSlice({
  settings: PondSettings,
  build(s, { dataDir, problems }) {
    const ducks = s.VIGIL_POND_DUCKS ?? 3;
    if (s.VIGIL_POND_FROZEN && ducks > 2) {
      problems.push('VIGIL_POND_DUCKS: at most 2 on a frozen pond');
    }
    return { ducks, frozen: s.VIGIL_POND_FROZEN ?? false, file: join(dataDir, 'pond') };
  },
  extraKeys: (config) => (config.ducks > 5 ? ['VIGIL_POND_FEED'] : []),
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings({ pond }, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSettings', () => {
  it("builds each slice from its settings, under the slice's name", () => {
    const loaded = loadSettings(
      { pond },
      { VIGIL_DATA_DIR: '/srv/vigil', VIGIL_POND_DUCKS: ' 2 ', VIGIL_POND_FROZEN: 'yes' },
    );
    expect(loaded.slices.pond).toEqual({ ducks: 2, frozen: true, file: '/srv/vigil/pond' });
    expect(loaded.dataDir).toBe('/srv/vigil');
  });

  it('writes each range and choice message once per setting, naming the unit and the value', () => {
    expect(
      problemsOf({ VIGIL_POND_DUCKS: '11', VIGIL_POND_FROZEN: 'maybe', VIGIL_POND_PLANT: 'oak' }),
    ).toEqual([
      'VIGIL_POND_DUCKS: must be a whole number of ducks from 1 to 10 (got 11)',
      'VIGIL_POND_FROZEN: must be true or false (got "maybe")',
      'VIGIL_POND_PLANT: must be reed, lily or moss (got "oak")',
    ]);
  });

  it("leaves a bad value unset for the slice's own checks, which see the default", () => {
    expect(problemsOf({ VIGIL_POND_DUCKS: 'many', VIGIL_POND_FROZEN: 'true' })).toEqual([
      'VIGIL_POND_DUCKS: must be a whole number of ducks from 1 to 10 (got "many")',
      'VIGIL_POND_DUCKS: at most 2 on a frozen pond',
    ]);
  });

  it('takes the keys a configuration adds as settings of the file, and warns of other variables', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-settings-')), 'vigil.json');
    writeFileSync(file, JSON.stringify({ VIGIL_POND_DUCKS: 8, VIGIL_POND_FEED: 'bread' }));
    const loaded = loadSettings({ pond }, { VIGIL_CONFIG: file, VIGIL_POND_DUKS: '1' });
    expect(loaded.slices.pond.ducks).toBe(8);
    expect(loaded.warnings).toEqual([
      'VIGIL_POND_DUKS: unknown environment variable, ignored, did you mean VIGIL_POND_DUCKS?',
    ]);
    writeFileSync(file, JSON.stringify({ VIGIL_POND_FEED: 'bread' }));
    expect(problemsOf({ VIGIL_CONFIG: file })).toEqual([
      `VIGIL_POND_FEED: unknown key in ${file} (README.md lists every key)`,
    ]);
  });
});
