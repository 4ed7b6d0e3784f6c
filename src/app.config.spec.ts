import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, serverSettingKeys } from './app.config';
import { ConfigError } from './config/load-settings';
import { closestKey, editDistance } from './config/unknown-keys';

const HASH = '$2b$04$abcdefghijklmnopqrstuuJ6G0cZxkX1yOQ3nWc9mDbT7o2pQ5K8e';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives a working server on a bare machine: port 8080, SQLite under ./data', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(8080);
    expect(config.http.docsEnabled).toBe(true);
    expect(config.database).toEqual({
      type: 'sqlite',
      file: join(process.cwd(), 'data', 'vigil.sqlite'),
      migrate: true,
    });
    expect(config.auth.users).toEqual([]);
  });

  it('names VIGIL_PORT when it is not a number', () => {
    const problems = problemsOf({ VIGIL_PORT: 'abc' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^VIGIL_PORT: must be a whole number between 1 and 65535/);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      VIGIL_PORT: '70000',
      VIGIL_DATABASE_MIGRATE: 'maybe',
      VIGIL_DATABASE_URL: 'postgres://x',
      VIGIL_USERS: 'bob:notahash:admin',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'VIGIL_DATABASE_MIGRATE',
      'VIGIL_DATABASE_URL',
      'VIGIL_PORT',
      'VIGIL_USERS',
    ]);
  });

  it('parses a MySQL URL with escaped credentials', () => {
    const config = loadConfig({
      VIGIL_DATABASE_URL: 'mysql://vigil:p%40ss@db.example:3307/monitoring',
      VIGIL_DATABASE_MIGRATE: 'false',
    });
    expect(config.database).toEqual({
      type: 'mysql',
      host: 'db.example',
      port: 3307,
      username: 'vigil',
      password: 'p@ss',
      database: 'monitoring',
      migrate: false,
    });
  });

  it('never repeats a password from the database URL in a problem', () => {
    const problems = problemsOf({
      VIGIL_DATABASE_URL: 'postgres://u:hunter2@h/db',
      VIGIL_PORT: 'x',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reads users as name:hash:role from VIGIL_USERS and a users file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'users');
    writeFileSync(file, `# operators\nolga:${HASH}:operator\n\nvic:${HASH}:viewer\n`);
    const config = loadConfig({ VIGIL_USERS: `ann:${HASH}:admin`, VIGIL_USERS_FILE: file });
    expect(config.auth.users).toEqual([
      { name: 'ann', passwordHash: HASH, role: 'admin' },
      { name: 'olga', passwordHash: HASH, role: 'operator' },
      { name: 'vic', passwordHash: HASH, role: 'viewer' },
    ]);
  });

  it('refuses an unknown role and a user defined twice', () => {
    const problems = problemsOf({
      VIGIL_USERS: `ann:${HASH}:root,bob:${HASH}:viewer,bob:${HASH}:admin`,
    });
    expect(problems).toEqual([
      'VIGIL_USERS: entry 1 (ann): role must be one of viewer, operator, admin',
      'VIGIL_USERS: entry 3: user bob is defined twice',
    ]);
  });

  it('bounds how long a request may take to arrive: 30 s in all, 10 s for the headers', () => {
    expect(loadConfig({}).http).toMatchObject({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
    });
    expect(loadConfig({ VIGIL_HTTP_REQUEST_TIMEOUT_MS: '2000' }).http).toMatchObject({
      requestTimeoutMs: 2000,
      headersTimeoutMs: 2000,
    });
    expect(
      problemsOf({ VIGIL_HTTP_REQUEST_TIMEOUT_MS: '5000', VIGIL_HTTP_HEADERS_TIMEOUT_MS: '6000' }),
    ).toEqual([
      'VIGIL_HTTP_HEADERS_TIMEOUT_MS: must not be more than VIGIL_HTTP_REQUEST_TIMEOUT_MS (got 6000 > 5000)',
    ]);
    expect(problemsOf({ VIGIL_HTTP_REQUEST_TIMEOUT_MS: '10' })[0]).toMatch(
      /^VIGIL_HTTP_REQUEST_TIMEOUT_MS: must be a whole number of milliseconds from 100 to 3600000/,
    );
  });

  it('takes settings from the VIGIL_CONFIG file, with the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'vigil.json');
    writeFileSync(
      file,
      JSON.stringify({ VIGIL_PORT: 9000, VIGIL_HOST: '127.0.0.1', VIGIL_DOCS_ENABLED: false }),
    );
    const config = loadConfig({ VIGIL_CONFIG: file, VIGIL_HOST: '::1' });
    expect(config.http).toMatchObject({ port: 9000, host: '::1', docsEnabled: false });
  });

  it('validates values from the config file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'vigil.json');
    writeFileSync(file, JSON.stringify({ VIGIL_PORT: 'eighty' }));
    expect(problemsOf({ VIGIL_CONFIG: file })[0]).toMatch(/^VIGIL_PORT: /);
    expect(problemsOf({ VIGIL_CONFIG: join(dir, 'missing.json') })[0]).toMatch(
      /^VIGIL_CONFIG: cannot read .*missing\.json \(ENOENT\)/,
    );
  });

  it('reads the command pipe and probing settings, with their defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.commandPipe).toEqual({
      pipePath: '/var/run/icinga2/cmd/icinga2.cmd',
      defaultTransport: 'pipe',
      legacyTransport: 'livestatus',
    });
    expect(defaults.probing).toMatchObject({ enabled: true, concurrency: 256, retentionDays: 30 });
    const set = loadConfig({
      VIGIL_COMMAND_PIPE: '/run/icinga2/cmd/icinga2.cmd',
      VIGIL_COMMAND_TRANSPORT: 'livestatus',
      VIGIL_LEGACY_CMD_HANDLER: 'pipe',
      VIGIL_PROBING_ENABLED: 'off',
    });
    expect(set.commandPipe).toEqual({
      pipePath: '/run/icinga2/cmd/icinga2.cmd',
      defaultTransport: 'livestatus',
      legacyTransport: 'pipe',
    });
    expect(set.probing.enabled).toBe(false);
  });

  it('refuses a relative command pipe, an unknown transport and a probe concurrency of 0', () => {
    expect(
      problemsOf({
        VIGIL_COMMAND_PIPE: 'icinga2.cmd',
        VIGIL_COMMAND_TRANSPORT: 'carrier-pigeon',
        VIGIL_PROBE_CONCURRENCY: '0',
      }).map((p) => p.split(':')[0]),
    ).toEqual(['VIGIL_COMMAND_PIPE', 'VIGIL_COMMAND_TRANSPORT', 'VIGIL_PROBE_CONCURRENCY']);
  });

  it('reads the login limits, with the address limit five times the per-name one by default', () => {
    expect(loadConfig({}).auth).toMatchObject({
      maxFailures: 10,
      maxAddressFailures: 50,
      failureWindowSeconds: 60,
      bcryptConcurrency: 2,
      bcryptQueue: 32,
    });
    expect(
      loadConfig({
        VIGIL_AUTH_MAX_FAILURES: '5',
        VIGIL_AUTH_MAX_ADDRESS_FAILURES: '12',
        VIGIL_AUTH_BCRYPT_CONCURRENCY: '3',
        VIGIL_AUTH_BCRYPT_QUEUE: '0',
      }).auth,
    ).toMatchObject({
      maxFailures: 5,
      maxAddressFailures: 12,
      bcryptConcurrency: 3,
      bcryptQueue: 0,
    });
    expect(loadConfig({ VIGIL_AUTH_MAX_FAILURES: '4' }).auth.maxAddressFailures).toBe(20);
  });

  it('keeps bcrypt below the libuv threadpool size, and the address limit above the per-name one', () => {
    expect(
      problemsOf({ VIGIL_AUTH_BCRYPT_CONCURRENCY: '4', VIGIL_AUTH_MAX_ADDRESS_FAILURES: '9' }),
    ).toEqual([
      'VIGIL_AUTH_MAX_ADDRESS_FAILURES: must be at least VIGIL_AUTH_MAX_FAILURES (10)',
      'VIGIL_AUTH_BCRYPT_CONCURRENCY: must be below the libuv threadpool size (UV_THREADPOOL_SIZE, 4) so that DNS lookups of probes keep a thread',
    ]);
    expect(
      loadConfig({ UV_THREADPOOL_SIZE: '16', VIGIL_AUTH_BCRYPT_CONCURRENCY: '8' }).auth
        .bcryptConcurrency,
    ).toBe(8);
    expect(loadConfig({ UV_THREADPOOL_SIZE: '2' }).auth.bcryptConcurrency).toBe(1);
    expect(problemsOf({ VIGIL_AUTH_BCRYPT_CONCURRENCY: '0' })[0]).toMatch(
      /^VIGIL_AUTH_BCRYPT_CONCURRENCY: must be a whole number from 1 to 64/,
    );
  });

  it('stops at a key of the config file that is no setting, suggesting the closest one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'vigil.json');
    writeFileSync(
      file,
      JSON.stringify({ VIGIL_PROT: 9000, vigil_host: '::1', LOG_LEVEL: 'warn', WHATEVER: 1 }),
    );
    expect(problemsOf({ VIGIL_CONFIG: file })).toEqual([
      `VIGIL_PROT: unknown key in ${file}, did you mean VIGIL_PORT?`,
      `vigil_host: unknown key in ${file}, did you mean VIGIL_HOST?`,
      `LOG_LEVEL: unknown key in ${file}, did you mean VIGIL_LOG_LEVEL?`,
      `WHATEVER: unknown key in ${file} (README.md lists every key)`,
    ]);
  });

  it('lists unknown keys of the file with every other problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'vigil.json');
    writeFileSync(file, JSON.stringify({ VIGIL_PROT: 9000, VIGIL_PORT: 'eighty' }));
    expect(problemsOf({ VIGIL_CONFIG: file }).map((p) => p.split(':')[0])).toEqual([
      'VIGIL_PROT',
      'VIGIL_PORT',
    ]);
  });

  it('only warns about unknown VIGIL_* variables, naming each with a suggestion and no value', () => {
    const config = loadConfig({
      VIGIL_PROBING_ENABLE: 'false',
      VIGIL_DATABSE_URL: 'mysql://root:hunter2@db/vigil',
      VIGIL_NONSENSE: 'x',
      PATH: '/usr/bin',
    });
    expect(config.probing.enabled).toBe(true);
    expect(config.warnings).toEqual([
      'VIGIL_DATABSE_URL: unknown environment variable, ignored, did you mean VIGIL_DATABASE_URL?',
      'VIGIL_NONSENSE: unknown environment variable, ignored (README.md lists every key)',
      'VIGIL_PROBING_ENABLE: unknown environment variable, ignored, did you mean VIGIL_PROBING_ENABLED?',
    ]);
    expect(config.warnings.join('\n')).not.toContain('hunter2');
  });

  it('does not warn about the variables of the CLI and the test harness', () => {
    expect(
      loadConfig({
        VIGIL_CONFIG: '',
        VIGIL_URL: 'http://127.0.0.1:8080',
        VIGIL_USER: 'ada',
        VIGIL_PASSWORD: 'x',
        VIGIL_TARGET_PASSWORD: 'x',
        VIGIL_SMTP_PASSWORD: 'x',
        VIGIL_TEST_MYSQL_URL: 'mysql://root@127.0.0.1:3306',
        VIGIL_FUZZ_SEED: '1',
        VIGIL_FUZZ_REQUESTS: '10',
        VIGIL_PORT: '9000',
      }).warnings,
    ).toEqual([]);
  });

  it('knows every setting the slices declare, and VIGIL_CONFIG only as a variable', () => {
    expect(serverSettingKeys()).toContain('VIGIL_PORT');
    expect(serverSettingKeys()).toContain('VIGIL_NOTIFY_SMTP_TIMEOUT_MS');
    expect(serverSettingKeys()).not.toContain('VIGIL_CONFIG');
  });

  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('VIGIL_PROT', 'VIGIL_PORT')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestKey('VIGIL_DATABASE', serverSettingKeys())).toBe('VIGIL_DATABASE_URL');
    expect(closestKey('VIGIL_LOGLEVEL', serverSettingKeys())).toBe('VIGIL_LOG_LEVEL');
    expect(closestKey('VIGIL_SOMETHING_ELSE', serverSettingKeys())).toBeUndefined();
  });
});

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const SECRET = 's3cret-Pa55word';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-site-settings-'));
}

describe('Icinga 2 API sites in the configuration', () => {
  it('reads an API site beside a livestatus one, with its user, password, CA and servername', () => {
    const dir = folder();
    writeFileSync(join(dir, 'ca.crt'), PEM);
    const config = loadConfig({
      VIGIL_SITES: `local=unix:/run/ls, dc-2=icinga2:https://10.0.0.5:5665`,
      VIGIL_SITE_DC_2_USER: 'vigil',
      VIGIL_SITE_DC_2_PASSWORD: SECRET,
      VIGIL_SITE_DC_2_CA_FILE: join(dir, 'ca.crt'),
      VIGIL_SITE_DC_2_TLS_SERVERNAME: 'icinga-master',
    });
    expect(config.livestatus.sites).toEqual([
      { name: 'local', address: { type: 'unix', path: '/run/ls' } },
      {
        name: 'dc-2',
        address: { type: 'icinga2', url: 'https://10.0.0.5:5665' },
        api: {
          user: 'vigil',
          password: SECRET,
          ca: PEM,
          caFile: join(dir, 'ca.crt'),
          servername: 'icinga-master',
        },
      },
    ]);
    expect(config.warnings).toEqual([]);
  });

  it('reads the password from a file, without its final new line, and 5665 when no port is given', () => {
    const dir = folder();
    writeFileSync(join(dir, 'ca.crt'), PEM);
    writeFileSync(join(dir, 'pw'), `${SECRET}\n`);
    const config = loadConfig({
      VIGIL_LIVESTATUS_SITES: 'api=icinga2:https://icinga.example',
      VIGIL_SITE_API_USER: 'vigil',
      VIGIL_SITE_API_PASSWORD_FILE: join(dir, 'pw'),
      VIGIL_SITE_API_CA_FILE: join(dir, 'ca.crt'),
    });
    expect(config.livestatus.sites[0].address).toEqual({
      type: 'icinga2',
      url: 'https://icinga.example:5665',
    });
    expect(config.livestatus.sites[0].api?.password).toBe(SECRET);
  });

  it('names every missing or bad setting of an API site, never showing the password', () => {
    const dir = folder();
    writeFileSync(join(dir, 'not-a-ca'), 'hello');
    const problems = problemsOf({
      VIGIL_SITES: 'a=icinga2:https://h:5665,b=icinga2:https://h:5666,c=icinga2:https://h:1',
      VIGIL_SITE_A_PASSWORD: SECRET,
      VIGIL_SITE_A_PASSWORD_FILE: '/nonexistent',
      VIGIL_SITE_B_USER: 'u',
      VIGIL_SITE_B_PASSWORD: SECRET,
      VIGIL_SITE_B_CA_FILE: join(dir, 'not-a-ca'),
      VIGIL_SITE_B_TLS_SERVERNAME: 'bad name',
      VIGIL_SITE_C_USER: 'u',
      VIGIL_SITE_C_PASSWORD_FILE: '/nonexistent/pw',
      VIGIL_SITE_C_CA_FILE: '/nonexistent/ca',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'VIGIL_SITE_A_USER',
      'VIGIL_SITE_A_PASSWORD and VIGIL_SITE_A_PASSWORD_FILE',
      'VIGIL_SITE_A_CA_FILE',
      'VIGIL_SITE_B_CA_FILE',
      'VIGIL_SITE_B_TLS_SERVERNAME',
      'VIGIL_SITE_C_PASSWORD_FILE',
      'VIGIL_SITE_C_CA_FILE',
    ]);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('refuses VIGIL_SITES and VIGIL_LIVESTATUS_SITES together, and bad API URLs', () => {
    expect(problemsOf({ VIGIL_SITES: 'a=unix:/x', VIGIL_LIVESTATUS_SITES: 'a=unix:/x' })).toEqual([
      expect.stringMatching(/^VIGIL_SITES and VIGIL_LIVESTATUS_SITES: set only/),
    ]);
    const problems = problemsOf({
      VIGIL_SITES: [
        'a=icinga2:http://h:5665',
        'b=icinga2:https://u:p@h:5665',
        'c=icinga2:https://h:5665/v1',
        'd=icinga2:nonsense',
      ].join(','),
    });
    expect(problems).toHaveLength(4);
    expect(problems.every((p) => p.startsWith('VIGIL_SITES: site '))).toBe(true);
  });

  it('warns about settings of sites that are not API sites, and takes those of API sites', () => {
    const dir = folder();
    writeFileSync(join(dir, 'ca.crt'), PEM);
    const config = loadConfig({
      VIGIL_SITES: 'local=unix:/run/ls,api=icinga2:https://h:5665',
      VIGIL_SITE_API_USER: 'u',
      VIGIL_SITE_API_PASSWORD: SECRET,
      VIGIL_SITE_API_CA_FILE: join(dir, 'ca.crt'),
      VIGIL_SITE_LOCAL_USER: 'u',
      VIGIL_SITE_APU_USER: 'u',
    });
    expect(config.warnings).toEqual([
      expect.stringMatching(
        /^VIGIL_SITE_APU_USER: unknown environment variable, ignored, did you mean VIGIL_SITE_API_USER\?/,
      ),
      expect.stringMatching(/^VIGIL_SITE_LOCAL_USER: unknown environment variable/),
    ]);
  });

  it('takes API site settings from the config file too', () => {
    const dir = folder();
    writeFileSync(join(dir, 'ca.crt'), PEM);
    const file = join(dir, 'vigil.json');
    writeFileSync(
      file,
      JSON.stringify({
        VIGIL_SITES: 'api=icinga2:https://h:5665',
        VIGIL_SITE_API_USER: 'u',
        VIGIL_SITE_API_PASSWORD: SECRET,
        VIGIL_SITE_API_CA_FILE: join(dir, 'ca.crt'),
      }),
    );
    expect(loadConfig({ VIGIL_CONFIG: file }).livestatus.sites[0].api?.user).toBe('u');
  });
});
