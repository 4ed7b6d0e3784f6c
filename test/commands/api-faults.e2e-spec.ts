import { join } from 'node:path';
import request from 'supertest';
import { findIcinga2 } from '../../bench/livestatus-icinga';
import { basicAuth, startTestApp, TEST_USERS, type TestApp } from '../support/app';
import { describeWithIcinga } from '../support/icinga';
import { ICINGA_NODE, testCertificates } from '../support/icinga-api';
import { silentServer } from '../support/silent-server';

const operator = basicAuth(TEST_USERS.operator);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = await silentServer();
  server.close();
  return server.port;
}

describeWithIcinga('commands on an Icinga 2 API site that cannot answer', () => {
  let t: TestApp;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  const password = 'api-secret-never-shown';

  beforeAll(async () => {
    const certificates = testCertificates(findIcinga2()!);
    silent = await silentServer();
    const site = (name: string) => ({
      [`VIGIL_SITE_${name}_USER`]: 'vigil',
      [`VIGIL_SITE_${name}_PASSWORD`]: password,
      [`VIGIL_SITE_${name}_CA_FILE`]: join(certificates, 'ca.crt'),
      [`VIGIL_SITE_${name}_TLS_SERVERNAME`]: ICINGA_NODE,
    });
    t = await startTestApp('sqlite', {
      VIGIL_SITES: `down=icinga2:https://127.0.0.1:${await closedPort()},hung=icinga2:https://127.0.0.1:${silent.port}`,
      ...site('DOWN'),
      ...site('HUNG'),
      VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS: '500',
      VIGIL_LIVESTATUS_TIMEOUT_MS: '1500',
      VIGIL_DOCS_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await t?.close();
    silent?.close();
  });

  const send = (site: string, path: string, body: object) =>
    request(t.url)
      .post(path)
      .set('Authorization', operator)
      .send({ ...body, site });

  it.each([
    ['down', 503],
    ['hung', 504],
  ])(
    'answers a command for site %s with %d in bounded time, naming the site',
    async (site, status) => {
      for (const [path, body] of [
        ['/api/v1/commands', { command: 'DISABLE_NOTIFICATIONS', args: {} }],
        ['/api/v1/comments', { hostName: 'web-01', comment: 'hi' }],
        ['/api/v1/notifications/disable', {}],
      ] as [string, object][]) {
        const started = Date.now();
        const res = await send(site, path, body);
        expect([path, res.status]).toEqual([path, status]);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.stringify(res.body)).toContain(site);
        expect(JSON.stringify(res.body)).not.toContain(password);
      }
      const audit = await request(t.url)
        .get('/api/v1/audit/commands')
        .set('Authorization', basicAuth(TEST_USERS.admin));
      expect(JSON.stringify(audit.body)).not.toContain(password);
      expect(t.logger.lines.join('\n')).not.toContain(password);
    },
  );
});
