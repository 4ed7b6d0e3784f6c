import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TLSSocket, connect } from 'node:tls';
import { runCli } from './cli/run-cli';
import { type ServerProcess, startServerProcess } from './support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'vigil-https-'));
const file = (name: string) => join(dir, name);

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A private CA of its own (`<name>-ca.pem`) and a server certificate it signed for 127.0.0.1. */
function makeCertificate(name: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    ['req', '-x509', ...ec, '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`].concat([
      '-days',
      '2',
      '-subj',
      `/CN=vigil test CA ${name}`,
    ]),
  );
  openssl([
    'req',
    ...ec,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    '/CN=localhost',
  ]);
  writeFileSync(file(`${name}.ext`), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', `${name}-ca.pem`, '-CAkey'].concat([
      `${name}-ca.key`,
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    ]),
  );
}

/** Serves certificate `name` from here on (the files vigil reads on SIGHUP). */
function install(name: string): void {
  copyFileSync(file(`${name}.pem`), file('cert.pem'));
  copyFileSync(file(`${name}.key`), file('key.pem'));
}

/** The SHA-256 fingerprint of a certificate file, as Node prints it. */
function fingerprintOf(name: string): string {
  const out = execFileSync('openssl', [
    'x509',
    '-noout',
    '-fingerprint',
    '-sha256',
    '-in',
    file(`${name}.pem`),
  ]);
  return out.toString().trim().split('=')[1];
}

/** A TLS connection to vigil trusting both test CAs, once its handshake is done. */
function open(port: number): Promise<TLSSocket> {
  const ca = [readFileSync(file('a-ca.pem')), readFileSync(file('b-ca.pem'))];
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

/** Sends GET /health on an open connection, keeping it open, and resolves with the status line. */
function getHealth(socket: TLSSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(answer)?.[1] ?? 0);
      if (answer.length < end + 4 + length) return;
      socket.off('data', onData);
      resolve(answer.split('\r\n')[0]);
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
  });
}

/** The container image's health check (deploy/healthcheck.js) against vigil on `port`. */
function healthcheck(env: Record<string, string>) {
  return spawnSync(process.execPath, [join(__dirname, '..', 'deploy', 'healthcheck.js')], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

function curl(port: number, ...args: string[]) {
  return spawnSync('curl', ['-sS', ...args, `https://127.0.0.1:${port}/health`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('HTTPS (VIGIL_TLS_CERT_FILE, VIGIL_TLS_KEY_FILE)', () => {
  let vigil: ServerProcess;

  beforeAll(async () => {
    makeCertificate('a');
    makeCertificate('b');
    install('a');
    vigil = await startServerProcess({
      VIGIL_DATA_DIR: file('data'),
      VIGIL_TLS_CERT_FILE: file('cert.pem'),
      VIGIL_TLS_KEY_FILE: file('key.pem'),
    });
  }, 90_000);

  afterAll(async () => {
    await vigil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /health to curl trusting the private CA, and curl without it refuses', () => {
    const trusted = curl(vigil.port, '--cacert', file('a-ca.pem'));
    expect(trusted.stderr).toBe('');
    expect(JSON.parse(trusted.stdout)).toMatchObject({ status: 'ok' });

    const untrusted = curl(vigil.port);
    expect(untrusted.status).toBe(60); // curl: peer certificate cannot be authenticated
  });

  it('says https in its listening line and logs the certificate, without the plain-HTTP warning', () => {
    const out = vigil.output();
    expect(out).toContain(`listening on https://127.0.0.1:${vigil.port}`);
    expect(out).toContain(`TLS certificate: CN=localhost, valid until `);
    expect(out).toContain(fingerprintOf('a'));
    expect(out).not.toContain('plain HTTP');
    expect(out).not.toContain('PRIVATE KEY');
  });

  it("passes the container's health check, asked over HTTPS", () => {
    const tls = { VIGIL_PORT: String(vigil.port), VIGIL_TLS_CERT_FILE: file('cert.pem') };
    expect(healthcheck(tls).status).toBe(0);
    // asked in plain HTTP, this vigil does not answer /health/live
    expect(healthcheck({ VIGIL_PORT: String(vigil.port) }).status).toBe(1);
  });

  it('lets the CLI in with VIGIL_CA_FILE, and tells to set it when it is missing', async () => {
    const env = {
      VIGIL_URL: `https://127.0.0.1:${vigil.port}`,
      VIGIL_USER: 'admin',
      VIGIL_PASSWORD: readFileSync(file('data/initial-admin-password'), 'utf8').trim(),
    };
    const ok = await runCli(['--json', 'targets'], {
      env: { ...env, VIGIL_CA_FILE: file('a-ca.pem') },
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ total: 0, items: [] });

    const refused = await runCli(['targets'], { env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(refused.stderr).toContain('VIGIL_CA_FILE');

    const wrong = await runCli(['targets'], { env: { ...env, VIGIL_CA_FILE: file('a.csr') } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`--ca-file: ${file('a.csr')} holds no PEM certificate`);
  });

  it('serves a new certificate to new connections after SIGHUP, keeping open ones', async () => {
    const before = await open(vigil.port);
    expect(before.getPeerCertificate().fingerprint256).toBe(fingerprintOf('a'));
    expect(await getHealth(before)).toBe('HTTP/1.1 200 OK');

    install('b');
    const since = vigil.output().length;
    vigil.child.kill('SIGHUP');
    await vigil.waitFor(/TLS certificate reloaded: CN=localhost/, since);
    expect(vigil.output().slice(since)).toContain(fingerprintOf('b'));

    const after = await open(vigil.port);
    expect(after.getPeerCertificate().fingerprint256).toBe(fingerprintOf('b'));
    expect(await getHealth(after)).toBe('HTTP/1.1 200 OK');
    after.destroy();

    // the connection opened before the reload is still served, with the certificate it began with
    expect(await getHealth(before)).toBe('HTTP/1.1 200 OK');
    expect(before.getPeerCertificate().fingerprint256).toBe(fingerprintOf('a'));
    before.destroy();
    expect(vigil.child.exitCode).toBeNull();
  });

  it('keeps the certificate it serves when the new pair is bad, and logs why without the key', async () => {
    install('b');
    // a key that is not the certificate's
    copyFileSync(file('a.key'), file('key.pem'));
    const since = vigil.output().length;
    vigil.child.kill('SIGHUP');
    await vigil.waitFor(/TLS certificate not reloaded/, since);
    const logged = vigil.output().slice(since);
    expect(logged).toContain('the previous one is still served');
    expect(logged).toContain('key values mismatch');
    expect(logged).not.toContain('PRIVATE KEY');
    expect(logged).not.toContain(readFileSync(file('a.key'), 'utf8').split('\n')[1]);

    const socket = await open(vigil.port);
    expect(socket.getPeerCertificate().fingerprint256).toBe(fingerprintOf('b'));
    socket.destroy();
  });
});

describe('plain HTTP', () => {
  it('warns in one line at start-up when Basic auth is served on an address other machines reach, and stops on SIGHUP', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vigil-plain-'));
    const vigil = await startServerProcess({ VIGIL_DATA_DIR: data, VIGIL_HOST: '0.0.0.0' });
    try {
      const warnings = vigil
        .output()
        .split('\n')
        .filter((line) => line.includes('plain HTTP'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(
        'plain HTTP on 0.0.0.0: HTTP Basic passwords cross the network',
      );
      expect(warnings[0]).toMatch(/WARN/);
      expect(healthcheck({ VIGIL_PORT: String(vigil.port) }).status).toBe(0);

      // with no certificate to reload, SIGHUP stops vigil as it always did
      const exited = new Promise((resolve) => vigil.child.once('exit', resolve));
      vigil.child.kill('SIGHUP');
      await exited;
      expect(vigil.child.signalCode ?? vigil.child.exitCode).toBe('SIGHUP');
    } finally {
      await vigil.stop();
      rmSync(data, { recursive: true, force: true });
    }
  }, 90_000);
});
