/**
 * A target's status as an Icinga passive check result. Plain TypeScript, no Nest.
 */

/** What a passive check result is made of. */
export interface StatusToSubmit {
  status: 'PASS' | 'FAIL';
  /** Why the status is what it is (the failure, on FAIL). */
  description: string | null;
  /** The HTTP status of the probe, when known. */
  httpStatus?: number | null;
  responseTimeMs: number | null;
}

export interface PassiveResult {
  /** Services: 0 OK, 2 CRITICAL; hosts: 0 UP, 1 DOWN. */
  exitStatus: number;
  /** The plugin output, with the performance data after `|`. */
  output: string;
}

/**
 * The check result of a status for a service (PASS 0 OK, FAIL 2 CRITICAL) or a host (0 UP,
 * 1 DOWN): the failure's description, or `OK: HTTP 200 in 123 ms`, and the response time as
 * performance data (`time=0.123s;;;0`). A `|` of the description would start Icinga's
 * performance data and a line break would end the command: they become `/` and spaces.
 */
export function passiveResult(s: StatusToSubmit, service: boolean): PassiveResult {
  const ms = s.responseTimeMs === null ? null : Math.max(0, Math.round(s.responseTimeMs));
  let text: string;
  if (s.status === 'PASS') {
    const http = s.httpStatus ? ` HTTP ${s.httpStatus}` : '';
    text = ms === null ? `OK:${http || ' passed'}` : `OK:${http} in ${ms} ms`;
  } else {
    text = s.description || 'failed';
  }
  text = text.replace(/\|/g, '/').replace(/[\r\n\0]+/g, ' ');
  const perf = ms === null ? '' : `|time=${(ms / 1000).toFixed(3)}s;;;0`;
  return {
    exitStatus: s.status === 'PASS' ? 0 : service ? 2 : 1,
    output: `${text}${perf}`,
  };
}
