import { rootCertificates, type TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { ProbeTls } from './probe-spec';

/** Connection settings of a group of targets: the TLS settings, or the defaults. */
type ConnectSettings = Omit<ProbeTls, 'key'>;

/** The agent's key of TLS settings: serverName applies to the target's own host only. */
function keyOf(tls: ProbeTls | undefined, ownHost: boolean): string {
  if (tls === undefined) return '';
  return ownHost || tls.serverName === undefined ? tls.key : `${tls.key} other-host`;
}

/** An agent of TLS settings that no probe asked for in this long is closed. */
const IDLE_MS = 10 * 60_000;

/**
 * The connection pools of the probes: one undici Agent for the targets without TLS settings of
 * their own, and one per distinct TLS settings (a target's key), so that targets with different
 * TLS settings never share a connection. Each agent notes, per origin, when the certificate of
 * its latest HTTPS connection expires. Agents of settings no longer asked for (a target changed
 * or deleted) are closed after IDLE_MS.
 */
export class ProbeAgents {
  private readonly agents = new Map<string, Agent>();
  /** `<key> <origin>` → when the certificate of the latest connection there expires. */
  private readonly expiries = new Map<string, Date>();
  /** When each agent of TLS settings was last asked for. */
  private readonly used = new Map<string, number>();
  private sweptAt = Date.now();

  constructor(private readonly options: Agent.Options = {}) {}

  /** The agent of the targets without TLS settings of their own. */
  get default(): Agent {
    return this.agents.get('') ?? this.make('', {});
  }

  /**
   * The agent for these TLS settings (the default one for none). `serverName` is left out of
   * the settings for another host than the target's own.
   */
  for(tls: ProbeTls | undefined, ownHost: boolean): Dispatcher {
    if (tls === undefined) return this.default;
    const key = keyOf(tls, ownHost);
    const now = Date.now();
    this.used.set(key, now);
    if (now - this.sweptAt > IDLE_MS) this.closeIdle(now);
    const found = this.agents.get(key);
    if (found) return found;
    return this.make(key, ownHost ? tls : { ...tls, serverName: undefined });
  }

  /** When the certificate of the latest connection to `origin` through these settings expires. */
  certificateExpiry(tls: ProbeTls | undefined, ownHost: boolean, origin: string): Date | null {
    return this.expiries.get(`${keyOf(tls, ownHost)} ${origin}`) ?? null;
  }

  /** Closes every agent (their connections). */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
  }

  /** Closes the agents of TLS settings not asked for in IDLE_MS. */
  private closeIdle(now: number): void {
    this.sweptAt = now;
    for (const [key, at] of this.used) {
      if (now - at <= IDLE_MS) continue;
      this.used.delete(key);
      void this.agents
        .get(key)
        ?.close()
        .catch(() => undefined);
      this.agents.delete(key);
      for (const origin of this.expiries.keys()) {
        if (origin.startsWith(`${key} `)) this.expiries.delete(origin);
      }
    }
  }

  private make(key: string, settings: Partial<ConnectSettings>): Agent {
    const connector = buildConnector({
      ...(settings.caCertificate ? { ca: [...rootCertificates, settings.caCertificate] } : {}),
      ...(settings.insecureSkipVerify ? { rejectUnauthorized: false } : {}),
      ...(settings.serverName ? { servername: settings.serverName } : {}),
    });
    const agent = new Agent({
      ...this.options,
      connect: (options, callback) =>
        connector(options, (...result) => {
          const [error, socket] = result;
          if (!error && options.protocol === 'https:') {
            const expiry = (socket as TLSSocket).getPeerCertificate().valid_to;
            if (expiry) {
              this.expiries.set(`${key} ${options.protocol}//${options.host}`, new Date(expiry));
            }
          }
          callback(...result);
        }),
    });
    this.agents.set(key, agent);
    return agent;
  }
}
