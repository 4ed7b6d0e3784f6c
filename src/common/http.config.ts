import { configSlice } from '../config/config-slice';
import { Flag, IntegerIn, Port, Text } from '../config/settings';
import { type TlsFiles, TlsPairError, readTlsPair } from './tls';

export interface HttpConfig {
  host: string;
  port: number;
  docsEnabled: boolean;
  trustProxy: boolean;
  /** A request's headers and body must have arrived within this, or it gets 408 and is closed. */
  requestTimeoutMs: number;
  /** A request's headers must have arrived within this (at most `requestTimeoutMs`). */
  headersTimeoutMs: number;
  /** HTTPS with this certificate and key, read again on SIGHUP; plain HTTP when absent. */
  tls?: TlsFiles;
}

export class HttpSettings {
  @Text()
  VIGIL_HOST?: string;

  @Port()
  VIGIL_PORT?: number;

  @Flag()
  VIGIL_DOCS_ENABLED?: boolean;

  @Flag()
  VIGIL_TRUST_PROXY?: boolean;

  @IntegerIn(100, 3_600_000, 'milliseconds')
  VIGIL_HTTP_REQUEST_TIMEOUT_MS?: number;

  @IntegerIn(100, 3_600_000, 'milliseconds')
  VIGIL_HTTP_HEADERS_TIMEOUT_MS?: number;

  @Text()
  VIGIL_TLS_CERT_FILE?: string;

  @Text()
  VIGIL_TLS_KEY_FILE?: string;
}

/** The certificate and key files, both or neither, checked to be a pair that can be served. */
function tlsFiles(s: HttpSettings, problems: string[]): TlsFiles | undefined {
  const { VIGIL_TLS_CERT_FILE: certFile, VIGIL_TLS_KEY_FILE: keyFile } = s;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    const [given, missing] = certFile
      ? ['VIGIL_TLS_CERT_FILE', 'VIGIL_TLS_KEY_FILE']
      : ['VIGIL_TLS_KEY_FILE', 'VIGIL_TLS_CERT_FILE'];
    problems.push(`${missing}: must be set too when ${given} is (HTTPS needs both)`);
    return undefined;
  }
  const files = { certFile, keyFile };
  try {
    readTlsPair(files);
  } catch (err) {
    if (!(err instanceof TlsPairError)) throw err;
    problems.push(`VIGIL_TLS_CERT_FILE, VIGIL_TLS_KEY_FILE: ${err.message}`);
  }
  return files;
}

export const httpSlice = configSlice({
  settings: HttpSettings,
  build(s, { problems }): HttpConfig {
    const requestTimeoutMs = s.VIGIL_HTTP_REQUEST_TIMEOUT_MS ?? 30_000;
    const headersTimeoutMs = s.VIGIL_HTTP_HEADERS_TIMEOUT_MS ?? Math.min(10_000, requestTimeoutMs);
    if (headersTimeoutMs > requestTimeoutMs) {
      problems.push(
        'VIGIL_HTTP_HEADERS_TIMEOUT_MS: must not be more than VIGIL_HTTP_REQUEST_TIMEOUT_MS ' +
          `(got ${headersTimeoutMs} > ${requestTimeoutMs})`,
      );
    }
    return {
      host: s.VIGIL_HOST ?? '0.0.0.0',
      port: s.VIGIL_PORT ?? 8080,
      docsEnabled: s.VIGIL_DOCS_ENABLED ?? true,
      trustProxy: s.VIGIL_TRUST_PROXY ?? false,
      requestTimeoutMs,
      headersTimeoutMs,
      tls: tlsFiles(s, problems),
    };
  },
});
