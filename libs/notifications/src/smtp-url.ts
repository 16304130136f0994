/** An SMTP server as `smtp://[user:pass@]host[:port]` or `smtps://…` names it. */
export interface SmtpServer {
  host: string;
  port: number;
  /** smtps: TLS from the first byte (port 465); smtp: plain, upgraded by STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

export const SMTP_URL_FORM = 'smtp://[user:pass@]host[:port] or smtps://[user:pass@]host[:port]';

/**
 * Parses an SMTP URL; throws an Error stating the rule broken. The messages never quote the URL: it
 * may hold a password, and these errors reach logs.
 */
export function parseSmtpUrl(url: string): SmtpServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`must be a URL of the form ${SMTP_URL_FORM} (the value is not shown: it may hold a password)`);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'smtp' && scheme !== 'smtps') throw new Error(`must use smtp or smtps, got "${scheme}"`);
  if (!parsed.hostname) throw new Error(`must name a host (${SMTP_URL_FORM})`);
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) {
    throw new Error(`must be only ${SMTP_URL_FORM}, without a path, query or fragment`);
  }
  if (Boolean(parsed.username) !== Boolean(parsed.password)) throw new Error('must give both a user and a password, or neither');
  const secure = scheme === 'smtps';
  // the submission ports: 465 for TLS from the start (RFC 8314), 587 for STARTTLS
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  let auth: SmtpServer['auth'];
  if (parsed.username) {
    try {
      auth = { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) };
    } catch {
      throw new Error('has a user or password that is not valid percent-encoding');
    }
  }
  // WHATWG URL keeps the brackets of an IPv6 literal; the socket wants the bare address
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, secure, ...(auth ? { auth } : {}) };
}
