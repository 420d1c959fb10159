import type nodemailer from 'nodemailer';
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

/** nodemailer, loaded when the first email is sent: a server without mail does not carry it (about 20 MiB). */
let mailer: Promise<typeof nodemailer> | undefined;

async function transportFor(smtpUrl: string): Promise<Transport> {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const { createTransport } = await (mailer ??= import('nodemailer').then((module) => module.default));
    // Another send may have made it while this one waited for the module.
    transport = transports.get(smtpUrl) ?? createTransport(smtpUrl);
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
  await (
    await transportFor(settings.smtpUrl)
  ).sendMail({
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
