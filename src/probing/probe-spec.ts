/** What the prober needs to know about a target: plain data, no entity. */
import type { ProbeAuth } from '../targets/target-auth';
import type { HttpMethod } from '../targets/http-method';

export type { KeystoneCredentials, ProbeAuth } from '../targets/target-auth';

export interface ProbeExpectations {
  expectedStatus: number;
  bodyContains?: string;
  bodyRegex?: string;
  /** A dotted path into the JSON body (`status.ok`, `items.0.name`); `$` or empty is the root. */
  jsonPath?: string;
  /** The value expected at `jsonPath`, compared as JSON. */
  jsonEquals?: unknown;
  maxResponseTimeMs?: number;
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
}
