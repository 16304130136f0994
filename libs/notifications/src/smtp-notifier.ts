import nodemailer from 'nodemailer';
import { messageIdHeader, type Notifier, type OutgoingMessage } from './notifier';
import type { SmtpSettings } from './smtp-settings';
import { parseSmtpUrl } from './smtp-url';

/** How long a connection, the server's greeting or a reply may take before the send fails. */
export const DEFAULT_SMTP_TIMEOUT_MS = 30_000;

/**
 * A send the SMTP server refused or could not be reached for. The message names the server, the
 * message id and the SMTP reply code; never the message's text, and never an e-mail address.
 */
export class SmtpSendError extends Error {
  override readonly name = 'SmtpSendError';
  constructor(
    message: string,
    /** `host:port` */
    readonly server: string,
    /** The SMTP reply code, when the server replied (550, 421, 535). */
    readonly responseCode: number | undefined,
    /** Retrying the same message would be refused again (a 5xx reply other than 503, RFC 5321 §4.2.1). */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * The Notifier over SMTP: one pool of connections (nodemailer's pooled SMTP transport) for the
 * process. `close` stops taking messages and resolves once the sends in flight have settled.
 */
export function smtpNotifier(settings: SmtpSettings): Notifier & { close(): Promise<void> } {
  const server = parseSmtpUrl(settings.url);
  const where = server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    pool: true,
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.auth ? { auth: server.auth } : {}),
    requireTLS: settings.requireTls ?? false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // no silent resend inside the pool: a connection dropped after DATA may have delivered, and the
    // caller, which owns the retry, resends under the same Message-ID
    maxRequeues: 0,
    // nodemailer logs nothing unless given a logger; said here so no one turns on its debug output,
    // which writes message text to the log
    logger: false,
    debug: false,
  });
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const deliver = async (message: OutgoingMessage): Promise<void> => {
    const messageId = messageIdHeader(message.messageId);
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        messageId,
        // readable in the raw message and safe on any relay (7-bit), unlike 8bit or base64
        textEncoding: 'quoted-printable',
      });
      if (info.rejected.length > 0) {
        throw new SmtpSendError(`SMTP ${where}: message ${messageId}: recipient refused`, where, undefined, true);
      }
    } catch (error) {
      if (error instanceof SmtpSendError) throw error;
      throw describe(error, where, messageId, timeoutMs);
    }
  };

  return {
    channel: 'smtp',
    send(message) {
      if (closed) return Promise.reject(new Error(`SMTP ${where}: the notifier is closed`));
      const sending = deliver(message);
      const settled = sending.then(() => undefined, () => undefined);
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return sending;
    },
    async close() {
      closed = true;
      await Promise.all(inFlight);
      transport.close();
    },
  };
}

interface NodemailerFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

const WHAT_FAILED: Record<string, string> = {
  EENVELOPE: 'sender or recipient refused',
  EMESSAGE: 'message refused',
  EAUTH: 'authentication failed',
  ENOAUTH: 'authentication failed',
  ECONNECTION: 'connection failed',
  ESOCKET: 'connection failed',
  EDNS: 'host not found',
  ETLS: 'TLS failed',
  EPROTOCOL: 'unexpected reply',
};

function describe(error: unknown, where: string, messageId: string, timeoutMs: number): SmtpSendError {
  const e = (error ?? {}) as NodemailerFailure;
  const code = e.code ?? 'unknown';
  let what = WHAT_FAILED[code] ?? 'send failed';
  if (code === 'EENVELOPE' && e.command && /^RCPT/i.test(e.command)) what = 'recipient refused';
  if (code === 'EENVELOPE' && e.command && /^MAIL/i.test(e.command)) what = 'sender refused';
  if (code === 'ETIMEDOUT') what = `no answer within ${timeoutMs} ms`;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const detail = responseCode !== undefined
    ? `SMTP ${responseCode}${e.response ? `: ${withoutAddresses(e.response)}` : ''}`
    : `${code}${e.message ? `: ${withoutAddresses(e.message)}` : ''}`;
  const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  return new SmtpSendError(`SMTP ${where}: message ${messageId}: ${what} (${detail})`, where, responseCode, permanent);
}

// a server often quotes the recipient in its reply; a family's address does not belong in a log line
const withoutAddresses = (s: string) => s.replace(/<?[^\s<>@]+@[^\s<>]+>?/g, '<address>').replace(/\s+/g, ' ').trim();
