import 'server-only';
/**
 * Outgoing mail over SMTP, by nodemailer: ORDERLENS_SMTP_URL names the server (smtp:// upgrades
 * with STARTTLS where the server offers it; smtps:// is TLS from the start), ORDERLENS_MAIL_FROM
 * the sender. One connection per message: reports go out a few times a day, so a pool would only
 * hold idle sockets open.
 */
import nodemailer from 'nodemailer';
import type { MailSettings } from '@/lib/config';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SentMail {
  messageId: string;
  /** Recipients the server refused while taking the message for the others. */
  refused: string[];
}

/** A message that did not go out, with the reason in a line (never the SMTP password). */
export class MailError extends Error {
  constructor(
    message: string,
    /** False when trying again cannot help (mail not configured). */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

export const MAIL_NOT_CONFIGURED =
  'mail is not configured (set ORDERLENS_SMTP_URL, e.g. smtp://user:pass@host:587)';

export const mailConfigured = (settings: MailSettings): boolean => !!settings.smtpUrl;

/** Send one message; a refusal of every recipient, a login or a connection failure throws. */
export async function sendMail(settings: MailSettings, mail: OutgoingMail): Promise<SentMail> {
  if (!settings.smtpUrl) throw new MailError(MAIL_NOT_CONFIGURED, false);
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A server that does not answer must not hold the scheduler's tick for nodemailer's minutes.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  try {
    const info = await transport.sendMail({ from: settings.from, ...mail });
    return { messageId: info.messageId, refused: info.rejected.map(addressOf) };
  } catch (error) {
    throw new MailError(reasonOfSmtp(error));
  } finally {
    transport.close();
  }
}

const addressOf = (a: string | { address: string }) => (typeof a === 'string' ? a : a.address);

/** "EAUTH: 535 5.7.8 authentication failed", clipped: what an admin needs to fix it. */
function reasonOfSmtp(error: unknown): string {
  const e = error as { code?: string; response?: string; message?: string };
  const text = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  return `${e.code ? `${e.code}: ` : ''}${text}`.slice(0, 300);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML body: names and values come from data and settings, never markup. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
