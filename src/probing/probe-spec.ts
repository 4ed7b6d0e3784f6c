/** What the prober needs to know about a target: plain data, no entity. */
import type { ProbeAuth } from '../targets/target-auth';
import type { HttpMethod } from '../targets/http-method';
import type { StatusSet } from '../targets/expected-status';

export type { KeystoneCredentials, ProbeAuth } from '../targets/target-auth';

export interface ProbeExpectations {
  /** The one status expected, when `expectedStatuses` is undefined (its first code otherwise). */
  expectedStatus: number;
  /** The statuses expected, when more than one code or a class is; undefined for one code. */
  expectedStatuses?: StatusSet;
  bodyContains?: string;
  bodyNotContains?: string;
  bodyRegex?: string;
  /** A dotted path into the JSON body (`status.ok`, `items.0.name`); `$` or empty is the root. */
  jsonPath?: string;
  /** The value expected at `jsonPath`, compared as JSON. */
  jsonEquals?: unknown;
  maxResponseTimeMs?: number;
  /** An HTTPS answer fails when its certificate expires within this many days. */
  certificateExpiryDays?: number;
}

/** A target's own TLS settings; targets without any have none (and share connections). */
export interface ProbeTls {
  /** Identifies the settings: targets with the same key share connections. */
  key: string;
  caCertificate?: string;
  insecureSkipVerify: boolean;
  serverName?: string;
}

export interface ProbeSpec extends ProbeExpectations {
  url: string;
  method: HttpMethod;
  headers?: Record<string, string>;
  body?: string;
  auth: ProbeAuth;
  timeoutSeconds: number;
  /** Open a new connection for this probe instead of reusing one to the same origin. */
  freshConnection?: boolean;
  /** Follow redirects (at most MAX_REDIRECTS) and evaluate the last answer. */
  followRedirects?: boolean;
  /** Lower-case names of the headers not sent to another host after a redirect. */
  credentialHeaders?: readonly string[];
  tls?: ProbeTls;
}

/** Why a probe failed; each kind has its own description. */
export type FailureKind =
  | 'refused'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'network'
  | 'headers-too-large'
  | 'timeout'
  | 'status'
  | 'body'
  | 'json'
  | 'slow'
  | 'redirects'
  | 'certificate'
  | 'auth-params'
  | 'keystone-rejected'
  | 'keystone-not-found'
  | 'keystone-unreachable';

export interface ProbeStep {
  step: 'connect' | 'auth' | 'request' | 'response' | 'evaluation';
  ms: number;
  detail?: string;
}

export interface ProbeResult {
  status: 'PASS' | 'FAIL';
  /** The HTTP status of the target's answer, or null when there was none. */
  httpStatus: number | null;
  responseTimeMs: number;
  description: string;
  failure?: FailureKind;
  /** True when no HTTP answer came from the target (counted as a network failure). */
  networkFailure: boolean;
  startedAt: Date;
  steps: ProbeStep[];
  /** Redirects followed. */
  redirects: number;
  /** The URL of the last answer, when redirects were followed; null otherwise. */
  finalUrl: string | null;
  /** When the certificate of the HTTPS answer expires (the earliest over the redirects); null for HTTP. */
  certificateExpiresAt: Date | null;
}
