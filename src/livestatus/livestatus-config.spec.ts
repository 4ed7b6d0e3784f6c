import { ConfigError } from '../config/load-settings';
import { loadConfig } from '../app.config';

describe('livestatus configuration', () => {
  it('defaults to one site at the Icinga 2 socket and safe limits', () => {
    expect(loadConfig({}).livestatus).toEqual({
      sites: [
        { name: 'local', address: { type: 'unix', path: '/var/run/icinga2/cmd/livestatus' } },
      ],
      connectTimeoutMs: 1000,
      timeoutMs: 10000,
      maxInFlight: 3,
      queueLimit: 100,
      keepAlive: 'auto',
      idleTimeoutMs: 500,
      maxJsonBytes: 32 * 1024 * 1024,
    });
  });

  it('reads every key', () => {
    const config = loadConfig({
      VIGIL_LIVESTATUS_SITES: 'a=unix:/run/a,b=tcp:db.example:6558',
      VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS: '200',
      VIGIL_LIVESTATUS_TIMEOUT_MS: '3000',
      VIGIL_LIVESTATUS_MAX_IN_FLIGHT: '2',
      VIGIL_LIVESTATUS_QUEUE_LIMIT: '0',
      VIGIL_LIVESTATUS_KEEPALIVE: 'off',
      VIGIL_LIVESTATUS_IDLE_MS: '50',
      VIGIL_LIVESTATUS_MAX_JSON_BYTES: '1048576',
    }).livestatus;
    expect(config).toEqual({
      sites: [
        { name: 'a', address: { type: 'unix', path: '/run/a' } },
        { name: 'b', address: { type: 'tcp', host: 'db.example', port: 6558 } },
      ],
      connectTimeoutMs: 200,
      timeoutMs: 3000,
      maxInFlight: 2,
      queueLimit: 0,
      keepAlive: 'off',
      idleTimeoutMs: 50,
      maxJsonBytes: 1048576,
    });
  });

  it('lists every bad livestatus setting at once, naming the keys', () => {
    let error: unknown;
    try {
      loadConfig({
        VIGIL_LIVESTATUS_SITES: 'local=/no/scheme',
        VIGIL_LIVESTATUS_MAX_IN_FLIGHT: '0',
        VIGIL_LIVESTATUS_KEEPALIVE: 'sometimes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('VIGIL_LIVESTATUS_SITES: site local');
    expect(problems).toContain('VIGIL_LIVESTATUS_MAX_IN_FLIGHT');
    expect(problems).toContain('VIGIL_LIVESTATUS_KEEPALIVE');
  });
});
