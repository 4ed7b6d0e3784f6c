import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import { usageError } from './errors';

/**
 * A connection pool that trusts the CAs of a PEM file (a private CA that signed vigil's
 * certificate) besides the public ones Node trusts.
 */
export function trustingCaFile(file: string): Dispatcher {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError(`--ca-file: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`);
  }
  try {
    new X509Certificate(pem);
  } catch {
    throw usageError(`--ca-file: ${file} holds no PEM certificate`);
  }
  return new Agent({ connect: { ca: [...rootCertificates, pem] } });
}

/** Node's codes for a server certificate signed by no CA it trusts. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** What to do about a connection failure, when it is an untrusted certificate. */
export function untrustedCertificateHint(code: string): string {
  return UNTRUSTED.has(code)
    ? " (vigil's certificate is signed by no CA trusted here: give its CA's PEM file with --ca-file or VIGIL_CA_FILE)"
    : '';
}
