import {
  mapNotifier,
  mapTarget,
  mapTargetState,
  parseParams,
  type SkypunchTarget,
  vigilNames,
} from './skypunch';

const row: SkypunchTarget = {
  id: 1,
  name: 'a',
  url: 'https://a/',
  method: 'get',
  authn: 'NONE',
  authn_parms: null,
  frequency: 10,
  timeout: 30,
  pass_result: 200,
  enabled: 1,
};

const openstack = (endpoint: string) =>
  mapTarget(
    {
      ...row,
      timeout: 5,
      authn: 'OPENSTACK',
      authn_parms: `user=u,password=p,osauthendpoint=${endpoint},tenantid=t`,
    },
    'a',
  );

describe('skypunch rows', () => {
  it('parses key=value parameters', () => {
    expect(parseParams('user=u,password=p=w, server=h:25')).toEqual({
      user: 'u',
      password: 'p=w',
      server: 'h:25',
    });
  });

  it('caps the timeout at the frequency and says so', () => {
    expect(mapTarget(row, 'a')).toMatchObject({
      ok: true,
      body: { method: 'GET', frequencySeconds: 10, timeoutSeconds: 10, enabled: true },
      notes: ['timeout 30 s capped at 10 s'],
    });
  });

  it.each([
    'https://k:5000/v2.0',
    'https://k:5000/v2.0/',
    'https://k:5000/v2.0/tokens',
    'https://k:5000/v2.0/tokens/',
    'https://cloud.example/identity/v2.0/tokens',
  ])('maps osauthendpoint %s to Keystone v2.0 with the tenant id', (endpoint) => {
    expect(openstack(endpoint)).toMatchObject({
      ok: true,
      body: { auth: { authUrl: endpoint, keystoneVersion: 'v2.0', tenantId: 't' } },
    });
  });

  it.each([
    'https://k:5000/v3',
    'https://k:5000/v3/',
    'https://k:5000/v3/auth/tokens',
    'https://cloud.example/identity/v3/auth/tokens/',
  ])('maps osauthendpoint %s to Keystone v3 with the tenant id as project id', (endpoint) => {
    const mapped = openstack(endpoint);
    expect(mapped).toMatchObject({
      ok: true,
      body: { auth: { authUrl: endpoint, keystoneVersion: 'v3', projectId: 't' } },
    });
    expect(mapped.ok && mapped.body.auth).not.toHaveProperty('tenantId');
  });

  it('takes an osauthendpoint without version for v2.0, as skypunch spoke, and says so', () => {
    expect(openstack('https://k:5000/identity')).toMatchObject({
      body: { auth: { keystoneVersion: 'v2.0', tenantId: 't' } },
      notes: ['osauthendpoint names no Keystone version: v2.0, as skypunch spoke'],
    });
  });

  it('refuses what skypunch could not probe, with its reason', () => {
    expect(mapTarget({ ...row, authn: 'BASIC', authn_parms: 'user=u' }, 'a')).toEqual({
      ok: false,
      reason: 'invalid BASIC authn params (user and password required)',
    });
    expect(mapTarget({ ...row, url: 'ftp://a/' }, 'a')).toEqual({
      ok: false,
      reason: 'target protocol ftp not supported',
    });
    expect(openstack('ldap://k/v2.0')).toEqual({
      ok: false,
      reason: 'invalid Openstack / Keystone endpoint protocol',
    });
  });

  it('maps pass_result to one expected code, evaluating the first answer when it is a redirect', () => {
    const ok = mapTarget({ ...row, pass_result: '204' }, 'a');
    expect(ok).toMatchObject({ body: { expectedStatus: 204 } });
    expect(ok.ok && ok.body.followRedirects).toBeUndefined();
    expect(mapTarget({ ...row, pass_result: 302 }, 'a')).toMatchObject({
      body: { expectedStatus: 302, followRedirects: false },
    });
  });

  it('keeps disabled rows disabled', () => {
    expect(mapTarget({ ...row, enabled: 0 }, 'a')).toMatchObject({ body: { enabled: false } });
  });

  it('names a later row of a taken name "name (2)", ignoring case, within 128 characters', () => {
    const long = 'x'.repeat(128);
    expect(
      vigilNames([
        { name: 'web' },
        { name: 'Web' },
        { name: 'web (2)' },
        { name: 'web' },
        { name: long },
        { name: long },
      ]),
    ).toEqual(['web', 'Web (3)', 'web (2)', 'web (4)', long, `${'x'.repeat(124)} (2)`]);
  });

  it('carries status, previous status, last update and counters over', () => {
    const { state, notes } = mapTargetState({
      ...row,
      status: 'PASS',
      previous_status: 'FAIL',
      status_description: 'OK',
      last_updated: new Date('2013-05-01T10:00:00Z'),
      pass_count: 12996,
      fail_count: '3',
      count200: 12996,
      count300: 0,
      count400: 1,
      count500: 1,
      network_fails: 1,
      repeated_fails: 0,
    });
    expect(notes).toEqual([]);
    expect(state).toEqual({
      status: 'PASS',
      previousStatus: 'FAIL',
      statusDescription: 'OK',
      lastUpdated: '2013-05-01T10:00:00.000Z',
      passCount: 12996,
      failCount: 3,
      status2xxCount: 12996,
      status3xxCount: 0,
      status4xxCount: 1,
      status5xxCount: 1,
      networkFailCount: 1,
      repeatedFailCount: 0,
    });
  });

  it('maps SMTP notifier parameters, and its enabled flag', () => {
    expect(
      mapNotifier(
        {
          id: 1,
          name: 'n',
          type: 'SMTP',
          address: 'a@x, b@x',
          params: 'user=u,password=p,server=mail:465',
          enabled: 0,
        },
        'n',
        'vigil@x',
      ),
    ).toEqual({
      ok: true,
      notes: [],
      body: {
        name: 'n',
        type: 'SMTP',
        address: ['a@x', 'b@x'],
        enabled: false,
        smtp: {
          host: 'mail',
          port: 465,
          security: 'tls',
          username: 'u',
          password: 'p',
          from: 'vigil@x',
        },
      },
    });
  });

  it('sends as vigil@<server> on port 587 when the SMTP user is no address, and says so', () => {
    const mapped = mapNotifier(
      {
        id: 1,
        name: 'n',
        type: 'SMTP',
        address: 'a@x',
        params: 'user=relay,password=p,server=smtp.example',
      },
      'n',
    );
    expect(mapped).toMatchObject({
      ok: true,
      notes: ['user relay is no address: sender vigil@smtp.example (--smtp-from to choose)'],
      body: { smtp: { port: 587, security: 'starttls', from: 'vigil@smtp.example' } },
    });
  });
});
