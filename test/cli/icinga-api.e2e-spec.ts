import { startTestApp, type TestApp } from '../support/app';
import { describeWithIcinga } from '../support/icinga';
import { type IcingaApiInstance, startIcingaApi } from '../support/icinga-api';
import { cliAs, json } from './run-cli';

describeWithIcinga('the vigil CLI against an Icinga 2 API site', () => {
  let api: IcingaApiInstance;
  let t: TestApp;
  let operator: ReturnType<typeof cliAs>;

  beforeAll(async () => {
    api = await startIcingaApi();
    t = await startTestApp('sqlite', {
      VIGIL_SITES: `api=icinga2:${api.url}`,
      VIGIL_SITE_API_USER: api.user,
      VIGIL_SITE_API_PASSWORD: api.password,
      VIGIL_SITE_API_CA_FILE: api.caPath,
      VIGIL_SITE_API_TLS_SERVERNAME: api.servername,
      VIGIL_DOCS_ENABLED: 'false',
    });
    operator = cliAs(t.url, 'operator');
  });

  afterAll(async () => {
    await t?.close();
    await api?.stop();
  });

  async function notificationsOf(host: string): Promise<unknown> {
    const found = await api.client().object('hosts', host, ['enable_notifications']);
    return found?.attrs.enable_notifications;
  }

  it('sends a command with --transport api, and it takes effect', async () => {
    const off = await operator([
      '--json',
      'cmd',
      'DISABLE_HOST_NOTIFICATIONS;web-01',
      '--transport',
      'api',
    ]);
    expect(off.stderr).toBe('');
    expect(off.code).toBe(0);
    expect(json<{ transport: string; site: string }>(off)).toMatchObject({
      transport: 'api',
      site: 'api',
    });
    expect(await notificationsOf('web-01')).toBe(false);

    const on = await operator(['cmd', 'ENABLE_HOST_NOTIFICATIONS;web-01', '--transport', 'api']);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/^transport\s+api$/m);
    expect(await notificationsOf('web-01')).toBe(true);
  });

  it('refuses a transport the site does not have', async () => {
    const r = await operator(['cmd', 'DISABLE_HOST_NOTIFICATIONS;web-01', '--transport', 'pipe']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/transport/);
    expect(await notificationsOf('web-01')).toBe(true);
  });
});
