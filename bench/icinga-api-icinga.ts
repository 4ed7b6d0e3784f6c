/**
 * A private Icinga 2 with its REST API (and livestatus), all its state in its own folder. The CA
 * and the node's certificate are made once and kept under the system's temporary folder, keyed
 * by the Icinga version, since making RSA keys takes seconds. Shared by the Icinga 2 API
 * benchmark and the integration tests (test/support/icinga-api.ts); it lives here because the
 * build (tsconfig.build.json) excludes test/.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findIcinga2, freePort, type IcingaInstance, startIcinga } from './livestatus-icinga';

/** The node's name: its certificate's CN, which a client checks as the TLS servername. */
export const ICINGA_NODE = 'vigil-test-node';

export interface IcingaWithApi {
  /** The same instance's livestatus socket and command pipe. */
  icinga: IcingaInstance;
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** PEM file of the CA that signed the node's certificate. */
  caPath: string;
  servername: string;
  user: string;
  password: string;
}

export interface StartIcingaWithApiOptions {
  objects: string;
  /** Further ApiUser objects and other configuration. */
  config?: string;
  /** How long to wait until livestatus answers. */
  startTimeoutMs?: number;
}

function pki(binary: string, dataDir: string, args: string[]): void {
  const run = spawnSync(binary, ['pki', ...args, '-D', `DataDir=${dataDir}`], {
    encoding: 'utf8',
    env: { ...process.env, ICINGA2_USER: 'root', ICINGA2_GROUP: 'root' },
  });
  if (run.status !== 0) {
    throw new Error(`icinga2 pki ${args[0]} failed:\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * The folder holding `ca.crt`, `<node>.crt` and `<node>.key`, made on first use. Made in a
 * folder of its own and renamed into place, so that parallel test files never see half of it.
 */
export function testCertificates(binary: string): string {
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout;
  const key = /version: ([^\s)]+)/.exec(version)?.[1] ?? 'unknown';
  const folder = join(tmpdir(), `vigil-icinga-pki-${ICINGA_NODE}-${key.replace(/[^\w.-]/g, '_')}`);
  if (existsSync(join(folder, 'ca.crt'))) return folder;
  const work = mkdtempSync(join(tmpdir(), 'vigil-icinga-pki-work-'));
  try {
    const data = join(work, 'data');
    const certs = join(data, 'certs');
    mkdirSync(certs, { recursive: true });
    pki(binary, data, ['new-ca']);
    const base = join(certs, ICINGA_NODE);
    pki(binary, data, [
      'new-cert',
      '--cn',
      ICINGA_NODE,
      '--key',
      `${base}.key`,
      '--csr',
      `${base}.csr`,
    ]);
    pki(binary, data, ['sign-csr', '--csr', `${base}.csr`, '--cert', `${base}.crt`]);
    cpSync(join(data, 'ca', 'ca.crt'), join(certs, 'ca.crt'));
    rmSync(`${base}.csr`);
    try {
      renameSync(certs, folder);
    } catch (err) {
      // another test file made them first
      if (!existsSync(join(folder, 'ca.crt'))) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return folder;
}

/**
 * Starts a private Icinga 2 with the REST API (an ApiUser with every permission and a random
 * password) and livestatus; resolves once livestatus answers (the API may need a moment more).
 */
export async function startIcingaWithApi(
  options: StartIcingaWithApiOptions,
): Promise<IcingaWithApi> {
  const binary = findIcinga2();
  if (!binary) throw new Error('icinga2 is not installed');
  const certificates = testCertificates(binary);
  const port = await freePort();
  const user = 'vigil';
  const password = randomBytes(18).toString('base64url');
  const icinga = await startIcinga({
    objects: options.objects,
    startTimeoutMs: options.startTimeoutMs,
    defines: { NodeName: ICINGA_NODE, ZoneName: ICINGA_NODE },
    config: [
      'object Endpoint NodeName { }',
      'object Zone ZoneName { endpoints = [ NodeName ] }',
      `object ApiListener "api" { bind_host = "127.0.0.1"; bind_port = "${port}"; accept_config = false; accept_commands = false }`,
      `object ApiUser "${user}" { password = "${password}"; permissions = [ "*" ] }`,
      options.config ?? '',
    ].join('\n'),
    prepare: (dir) => cpSync(certificates, join(dir, 'data', 'certs'), { recursive: true }),
  });
  return {
    icinga,
    url: `https://127.0.0.1:${port}`,
    caPath: join(icinga.dir, 'data', 'certs', 'ca.crt'),
    servername: ICINGA_NODE,
    user,
    password,
  };
}
