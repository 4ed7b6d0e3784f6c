import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The whole message with quoted-printable soft breaks and escapes decoded. */
  decoded: string;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Listen on this port (to bring a stopped server back); a free one by default. */
  port?: number;
  /** Refuse every login with 535. */
  refuseLogin?: boolean;
  /** The only login accepted (any mail without login is accepted too). */
  user?: { name: string; password: string };
  /** Wait this long before accepting each message, as a busy server does. */
  acceptDelayMs?: number;
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An SMTP server on 127.0.0.1 (no TLS) that keeps every message it accepts. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !options.refuseLogin,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      const ok =
        !options.refuseLogin &&
        (!options.user ||
          (auth.username === options.user.name && auth.password === options.user.password));
      if (ok) return callback(null, { user: auth.username });
      const err = new Error('Authentication credentials invalid') as Error & {
        responseCode: number;
      };
      err.responseCode = 535;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      const accept = () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
          decoded: decodeQuotedPrintable(raw),
          raw,
        });
        callback();
      };
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.acceptDelayMs) setTimeout(accept, options.acceptDelayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
