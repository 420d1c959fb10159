import nodemailer from 'nodemailer';
import type { Language } from './messages.ts';

export interface EmailSettings {
  /** smtp://user:pass@host:port or smtps://… */
  smtpUrl: string;
  from: string;
}

/**
 * Mail is on in this process when the server was started with SMTP_URL (server.ts calls
 * configureEmail). Notifications are written inside other features' transactions, which know
 * nothing of the configuration; they ask here whether to queue an email too.
 */
let settings: EmailSettings | undefined;
type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

export function configureEmail(next: { smtpUrl: string | undefined; mailFrom: string } | undefined): void {
  settings = next?.smtpUrl ? { smtpUrl: next.smtpUrl, from: next.mailFrom } : undefined;
}

export function emailEnabled(): boolean {
  return settings !== undefined;
}

function transportFor(smtpUrl: string): Transport {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Hands one message to the mail server; throws when it is refused or cannot be reached. */
export async function sendEmail(message: {
  to: string;
  subject: string;
  text: string;
  language: Language;
}): Promise<void> {
  if (!settings) throw new Error('SMTP_URL is not set on this instance; the email cannot be sent');
  await transportFor(settings.smtpUrl).sendMail({
    from: settings.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    headers: { 'Content-Language': message.language },
  });
}

/** Closes the pooled connections (at shutdown). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
