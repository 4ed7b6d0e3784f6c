/**
 * A stored target in the forms it is read in: the answer of the API (`TargetDto`, secrets left
 * out) and the view of the probing engine (`TargetForProbing`, secrets decrypted). Plain
 * TypeScript, no Nest.
 */
import type { TargetDto } from './dto/target.dto';
import type { UpdateTargetDto } from './dto/update-target.dto';
import { AUTH_COLUMNS, type AuthColumns, authView, type ProbeAuth, probeAuth } from './target-auth';
import { headersToSend, headersView, type StoredHeaders } from './target-headers';
import { icingaView } from './target-icinga';
import type { TargetEntity } from './target.entity';
import { expectedStatusText, expectedStatusView, onlyRedirects } from './expected-status';
import type { TargetStateView } from './target-state-reader';

/**
 * A target as the probing engine needs it: the definition with the password decrypted, and
 * `headers` all the headers to send, secret ones decrypted.
 */
export interface TargetForProbing extends Omit<
  TargetEntity,
  keyof AuthColumns | 'secretHeaders' | 'jsonEquals' | 'createdAt' | 'updatedAt'
> {
  auth: ProbeAuth;
  /** The value expected at `jsonPath` (JSON null included); absent when `jsonPath` is null. */
  jsonEquals?: unknown;
  /** The names of the secret headers among `headers`: not sent to another host after a redirect. */
  secretHeaderNames: string[];
}

/** Entity fields that TargetForProbing leaves out or gives in another form. */
const NOT_FOR_PROBING = new Set<string>([
  ...AUTH_COLUMNS,
  'secretHeaders',
  'jsonEquals',
  'createdAt',
  'updatedAt',
]);

/** The definition columns a request sets as given; a field left out keeps the value it had. */
const REQUEST_COLUMNS = [
  'name',
  'url',
  'method',
  'body',
  'frequencySeconds',
  'timeoutSeconds',
  'followRedirects',
  'bodyContains',
  'bodyNotContains',
  'bodyRegex',
  'jsonPath',
  'maxResponseTimeMs',
  'certificateExpiryDays',
  'failureThreshold',
  'recoveryThreshold',
  'enabled',
  'freshConnection',
  'notifierIds',
] as const satisfies readonly (keyof UpdateTargetDto & keyof TargetEntity)[];

/** The columns of the `tls` object. */
const TLS_COLUMNS = ['tlsCaCertificate', 'tlsInsecureSkipVerify', 'tlsServerName'] as const;
type TlsColumns = Pick<TargetEntity, (typeof TLS_COLUMNS)[number]>;

export type RequestColumns = Pick<
  TargetEntity,
  (typeof REQUEST_COLUMNS)[number] | 'expectedStatus' | (typeof TLS_COLUMNS)[number]
>;

const NO_TLS: TlsColumns = {
  tlsCaCertificate: null,
  tlsInsecureSkipVerify: false,
  tlsServerName: null,
};

const DEFAULT_FREQUENCY_SECONDS = 60;
const DEFAULT_TIMEOUT_SECONDS = 10;

/** What a create request's left-out fields take; the timeout is at most the frequency. */
export function newTargetDefaults(
  request: Pick<TargetEntity, 'name' | 'url'> &
    Pick<UpdateTargetDto, 'frequencySeconds' | 'expectedStatus'>,
): RequestColumns {
  const frequencySeconds = request.frequencySeconds ?? DEFAULT_FREQUENCY_SECONDS;
  const expectedStatus = expectedStatusText(request.expectedStatus ?? 200);
  return {
    name: request.name,
    url: request.url,
    method: 'GET',
    body: null,
    frequencySeconds,
    timeoutSeconds: Math.min(DEFAULT_TIMEOUT_SECONDS, frequencySeconds),
    expectedStatus,
    // a redirect is what the target is expected to answer: it is not followed
    followRedirects: !onlyRedirects(expectedStatus),
    bodyContains: null,
    bodyNotContains: null,
    bodyRegex: null,
    jsonPath: null,
    maxResponseTimeMs: null,
    ...NO_TLS,
    certificateExpiryDays: null,
    failureThreshold: 1,
    recoveryThreshold: 1,
    enabled: true,
    freshConnection: false,
    notifierIds: [],
  };
}

/**
 * The columns a create or update request sets: each field it gives (null clears a setting), and
 * the value in `base` (the stored target, or the defaults) for each field it leaves out. Headers,
 * auth and `jsonEquals` are mapped by their own rules.
 */
export function requestColumns(base: RequestColumns, request: UpdateTargetDto): RequestColumns {
  const columns: Record<string, unknown> = {};
  for (const key of REQUEST_COLUMNS) {
    columns[key] = request[key] === undefined ? base[key] : request[key];
  }
  columns.expectedStatus =
    request.expectedStatus === undefined
      ? base.expectedStatus
      : expectedStatusText(request.expectedStatus);
  const tls = request.tls;
  for (const key of TLS_COLUMNS) columns[key] = tls === undefined ? base[key] : NO_TLS[key];
  if (tls) {
    columns.tlsCaCertificate = tls.caCertificate ?? null;
    columns.tlsInsecureSkipVerify = tls.insecureSkipVerify ?? false;
    columns.tlsServerName = tls.serverName ?? null;
  }
  return columns as RequestColumns;
}

/**
 * The stored `json_equals`: the given value as JSON text, null when `jsonPath` is cleared without
 * one, else the stored text.
 */
export function jsonEqualsColumn(stored: string | null, request: UpdateTargetDto): string | null {
  if (request.jsonEquals !== undefined) return JSON.stringify(request.jsonEquals);
  return request.jsonPath === null ? null : stored;
}

/** A row's headers in their stored form. */
export function storedHeadersOf(t: Pick<TargetEntity, 'headers' | 'secretHeaders'>): StoredHeaders {
  return { plain: t.headers, secret: t.secretHeaders ?? {} };
}

/** The header columns of stored headers: `secret_headers` null when there are none. */
export function headerColumns(h: StoredHeaders): Pick<TargetEntity, 'headers' | 'secretHeaders'> {
  return { headers: h.plain, secretHeaders: Object.keys(h.secret).length ? h.secret : null };
}

/**
 * The target as answered: the definition, the state and the error of its last submission to
 * Icinga, secrets left out.
 */
export function toTargetDto(
  t: TargetEntity,
  state: TargetStateView,
  icingaError: string | null = null,
): TargetDto {
  return {
    id: t.id,
    name: t.name,
    url: t.url,
    method: t.method,
    headers: headersView(storedHeadersOf(t)),
    body: t.body,
    auth: authView(t),
    frequencySeconds: t.frequencySeconds,
    timeoutSeconds: t.timeoutSeconds,
    expectedStatus: expectedStatusView(t.expectedStatus),
    followRedirects: t.followRedirects,
    bodyContains: t.bodyContains,
    bodyNotContains: t.bodyNotContains,
    bodyRegex: t.bodyRegex,
    jsonPath: t.jsonPath,
    ...(t.jsonEquals === null ? {} : { jsonEquals: JSON.parse(t.jsonEquals) as unknown }),
    maxResponseTimeMs: t.maxResponseTimeMs,
    tls: {
      caCertificate: t.tlsCaCertificate,
      insecureSkipVerify: t.tlsInsecureSkipVerify,
      serverName: t.tlsServerName,
    },
    certificateExpiryDays: t.certificateExpiryDays,
    failureThreshold: t.failureThreshold,
    recoveryThreshold: t.recoveryThreshold,
    enabled: t.enabled,
    notifierIds: t.notifierIds,
    status: state.status,
    statusDescription: state.statusDescription,
    previousStatus: state.previousStatus,
    lastUpdated: state.lastUpdated,
    lastProbeAt: state.lastProbeAt,
    lastResponseTimeMs: state.lastResponseTimeMs,
    passCount: state.passCount,
    failCount: state.failCount,
    status2xxCount: state.status2xxCount,
    status3xxCount: state.status3xxCount,
    status4xxCount: state.status4xxCount,
    status5xxCount: state.status5xxCount,
    networkFailCount: state.networkFailCount,
    repeatedFailCount: state.repeatedFailCount,
    icinga: icingaView(t),
    icingaError,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/**
 * The target as the probing engine takes it; throws SecretBoxError (from `decrypt`) when the
 * stored password or a secret header cannot be decrypted.
 */
export function toProbingView(
  t: TargetEntity,
  decrypt: (stored: string) => string,
): TargetForProbing {
  const { jsonEquals } = t;
  const definition = Object.fromEntries(
    Object.entries(t).filter(([key]) => !NOT_FOR_PROBING.has(key)),
  ) as Omit<TargetForProbing, 'auth' | 'jsonEquals'>;
  definition.headers = headersToSend(storedHeadersOf(t), decrypt);
  // added to the object, not spread into a new one: the views of all targets keep one hidden
  // class (spreading an object this large can give each copy its own)
  const view: TargetForProbing = Object.assign(definition, {
    auth: probeAuth(t, decrypt),
    secretHeaderNames: Object.keys(t.secretHeaders ?? {}),
  });
  if (t.jsonPath !== null && jsonEquals !== null) {
    view.jsonEquals = JSON.parse(jsonEquals) as unknown;
  }
  return view;
}
