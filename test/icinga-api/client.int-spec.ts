import { IcingaApiClient, IcingaApiError } from '../../src/icinga-api/icinga-api-client';
import { describeWithIcinga } from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';
import { readFileSync } from 'node:fs';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

async function failure(promise: Promise<unknown>): Promise<IcingaApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof IcingaApiError) return err;
    throw err;
  }
  throw new Error('expected an IcingaApiError');
}

describeWithIcinga('Icinga 2 API client against a private Icinga 2', () => {
  let instance: IcingaApiInstance;
  let client: IcingaApiClient;

  beforeAll(async () => {
    instance = await startIcingaApi();
    client = instance.client();
  });
  afterAll(async () => {
    await instance?.stop();
  });

  it('reads the program version, the same as livestatus program_version', async () => {
    const status = await client.status();
    const live = await instance.icinga.raw('GET status\nColumns: program_version');
    // livestatus adds "-icinga2" to the version
    expect(JSON.parse(live.body)).toEqual([[`${status.version}-icinga2`]]);
  });

  it('streams objects with a filter whose values travel in filter_vars', async () => {
    const hosts = await collect(
      client.objects('hosts', {
        attrs: ['name', 'state'],
        filter: 'host.name == hn',
        filterVars: { hn: 'db-02' },
      }),
    );
    expect(hosts).toEqual([
      expect.objectContaining({ name: 'db-02', type: 'Host', attrs: { name: 'db-02', state: 1 } }),
    ]);
    const services = await collect(
      client.objects('services', { attrs: ['name'], joins: ['host.name'] }),
    );
    expect(services.length).toBe(11);
    expect(services[0].joins?.host).toHaveProperty('name');
  });

  it('finds one object by name, and null for an unknown name', async () => {
    const service = await client.object('services', 'web-01!http', ['state', 'last_check_result']);
    expect(service?.attrs.state).toBe(1);
    expect(await client.object('hosts', 'nope" || true || "', ['name'])).toBeNull();
  });

  it('runs actions and object changes', async () => {
    const results = await client.action('process-check-result', {
      type: 'Service',
      filter: 'host.name == hn && service.name == sn',
      filter_vars: { hn: 'db-01', sn: 'backup' },
      exit_status: 2,
      plugin_output: 'backup failed',
    });
    expect(results).toEqual([expect.objectContaining({ code: 200 })]);
    const changed = await client.modify('hosts', 'edge-01', { enable_notifications: false });
    expect(changed).toEqual([expect.objectContaining({ code: 200 })]);
    expect((await client.object('hosts', 'edge-01', ['enable_notifications']))?.attrs).toEqual({
      enable_notifications: false,
    });
  });

  it('says what Icinga refused: an unknown attribute or type (400), an unknown action (404)', async () => {
    const bad = await failure(collect(client.objects('hosts', { attrs: ['nosuch'] })));
    expect(bad).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(bad.message).toContain('Invalid field specified: nosuch');
    expect((await failure(collect(client.objects('nothings')))).kind).toBe('bad-request');
    const action = await failure(client.action('no-such-action', {}));
    expect(action).toMatchObject({ kind: 'not-found', status: 404 });
    expect(action.message).toContain("Action 'no-such-action' does not exist");
  });

  it('yields nothing for a filter that matches nothing (Icinga answers 404)', async () => {
    const none = client.objects('hosts', { filter: 'host.name == hn', filterVars: { hn: 'x' } });
    expect(await collect(none)).toEqual([]);
  });

  it('answers unauthorized for a wrong password, and never names the password', async () => {
    const wrong = new IcingaApiClient({
      url: instance.url,
      user: instance.user,
      password: 'wrong-secret-xyz',
      ca: readFileSync(instance.caPath),
      servername: instance.servername,
    });
    try {
      const err = await failure(wrong.status());
      expect(err.kind).toBe('unauthorized');
      expect(err.status).toBe(401);
      expect(`${err.message} ${err.stack}`).not.toContain('wrong-secret-xyz');
    } finally {
      await wrong.close();
    }
  });

  it('refuses a certificate that does not match the servername', async () => {
    const other = new IcingaApiClient({
      url: instance.url,
      user: instance.user,
      password: instance.password,
      ca: readFileSync(instance.caPath),
    });
    try {
      const err = await failure(other.status());
      expect(err.kind).toBe('tls');
      expect(err.message).not.toContain(instance.password);
    } finally {
      await other.close();
    }
  });
});
