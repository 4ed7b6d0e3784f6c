import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { type Server as TlsServer, createSecureContext } from 'node:tls';

/** Where the server's certificate (chain) and private key are, both PEM. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** A certificate and its private key as read, checked to belong together. */
export interface TlsPair {
  cert: Buffer;
  key: Buffer;
  /** What the logs say about the certificate: subject, expiry and SHA-256 fingerprint. */
  summary: string;
}

/** A pair that cannot be served; its message names the files, never what they hold. */
export class TlsPairError extends Error {}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new TlsPairError(
      `cannot read the ${what} ${file} (${(err as NodeJS.ErrnoException).code})`,
    );
  }
}

/** The first certificate of a PEM chain: its subject, expiry and SHA-256 fingerprint. */
function describe(cert: Buffer): string {
  const first = new X509Certificate(cert);
  const subject = first.subject.replace(/\n/g, ', ');
  return `${subject}, valid until ${new Date(first.validTo).toISOString()}, SHA-256 ${first.fingerprint256}`;
}

/**
 * Reads the certificate and key files and checks, as OpenSSL does when serving, that they are PEM
 * and that the key is the certificate's. OpenSSL's reasons name no key material.
 */
export function readTlsPair(files: TlsFiles): TlsPair {
  const cert = readPem(files.certFile, 'certificate file');
  const key = readPem(files.keyFile, 'key file');
  try {
    createSecureContext({ cert, key });
    return { cert, key, summary: describe(cert) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new TlsPairError(
      `${files.certFile} and ${files.keyFile} are not a PEM certificate and its private key (${reason})`,
    );
  }
}

export interface TlsReloadLog {
  log(message: string, context?: string): void;
  error(message: string, context?: string): void;
}

/**
 * Reads the pair again and gives it to the server: connections opened from now on get the new
 * certificate, open ones keep theirs. A pair that cannot be served leaves the old one in place.
 */
export function reloadTlsPair(server: TlsServer, files: TlsFiles, log: TlsReloadLog): void {
  let pair: TlsPair;
  try {
    pair = readTlsPair(files);
  } catch (err) {
    const reason = err instanceof TlsPairError ? err.message : 'the files could not be read';
    log.error(`TLS certificate not reloaded, the previous one is still served: ${reason}`, 'TLS');
    return;
  }
  server.setSecureContext({ cert: pair.cert, key: pair.key });
  log.log(`TLS certificate reloaded: ${pair.summary}`, 'TLS');
}

/** Reloads the certificate and key on every SIGHUP (see reloadTlsPair). */
export function reloadTlsPairOnHangup(server: TlsServer, files: TlsFiles, log: TlsReloadLog): void {
  process.on('SIGHUP', () => reloadTlsPair(server, files, log));
}

/** Whether a listening address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * The one line warning that HTTP Basic passwords would cross the network readable: plain HTTP on
 * an address other machines reach. Undefined over HTTPS or on a loopback address.
 */
export function plainHttpWarning(http: { host: string; tls?: TlsFiles }): string | undefined {
  if (http.tls || isLoopback(http.host)) return undefined;
  return (
    `plain HTTP on ${http.host}: HTTP Basic passwords cross the network readable; ` +
    'set VIGIL_TLS_CERT_FILE and VIGIL_TLS_KEY_FILE, or listen on 127.0.0.1 behind a TLS proxy'
  );
}
