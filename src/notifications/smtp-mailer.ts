import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '../app.config';
import type { NotifierForDelivery } from '../notifiers/notifiers.service';

export interface OutgoingMail {
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID, so that a receiver can tell a repeated delivery from a new mail. */
  messageId?: string;
}

/** What the SMTP server answered to an accepted mail. */
export interface SmtpAccepted {
  messageId: string;
  response: string;
  accepted: string[];
  rejected: string[];
}

/** A failed SMTP conversation, with the server's words where it answered. */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * Sends mail through @nestjs-modules/mailer's MailerService, with one named nodemailer SMTP
 * transporter per notifier (`notifier-<id>`), made on first use and made again when the
 * notifier's settings change. Each send opens its own SMTP connection, so a slow or refusing
 * server only ever holds up the mail for its own notifier.
 */
@Injectable()
export class SmtpMailer {
  /** The settings each notifier's transporter was made with. */
  private readonly settings = new Map<number, string>();

  constructor(
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
  ) {}

  async send(notifier: NotifierForDelivery, mail: OutgoingMail): Promise<SmtpAccepted> {
    const smtp = notifier.smtp;
    if (!smtp) {
      throw new SmtpSendError(`notifier ${notifier.id} has no SMTP settings`, null, null);
    }
    const transporterName = this.transporterFor(notifier.id, smtp);
    try {
      const info = (await this.mailer.sendMail({
        transporterName,
        from: smtp.from,
        to: notifier.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      })) as SMTPTransport.SentMessageInfo;
      const addresses = (list: unknown[] | undefined) =>
        (list ?? []).map((a) => (typeof a === 'string' ? a : (a as { address: string }).address));
      return {
        messageId: info.messageId,
        response: info.response,
        accepted: addresses(info.accepted),
        rejected: addresses(info.rejected),
      };
    } catch (err) {
      throw SmtpMailer.describe(err);
    }
  }

  /** Forgets a notifier's transporter (after it was changed or deleted). */
  forget(notifierId: number): void {
    if (this.settings.delete(notifierId)) this.mailer.removeTransporter(`notifier-${notifierId}`);
  }

  private transporterFor(id: number, smtp: NonNullable<NotifierForDelivery['smtp']>): string {
    const name = `notifier-${id}`;
    const key = JSON.stringify(smtp);
    if (this.settings.get(id) === key) return name;
    this.mailer.removeTransporter(name);
    const timeout = this.config.notifications.smtpTimeoutMs;
    const options: SMTPTransport.Options = {
      host: smtp.host,
      port: smtp.port,
      secure: smtp.security === 'tls',
      requireTLS: smtp.security === 'starttls',
      ignoreTLS: smtp.security === 'none',
      ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    };
    this.mailer.addTransporter(name, options);
    this.settings.set(id, key);
    return name;
  }

  private static describe(err: unknown): SmtpSendError {
    if (err instanceof SmtpSendError) return err;
    const e = err as NodemailerError;
    const message = (e?.message ?? String(err)).replace(/\s+/g, ' ').trim();
    return new SmtpSendError(
      e?.code ? `${e.code}: ${message}` : message,
      e?.code ?? null,
      typeof e?.responseCode === 'number' ? e.responseCode : null,
    );
  }
}
