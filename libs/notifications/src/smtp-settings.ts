import { ConfigError, env, type Env } from '@ehc/config';
import { parseSmtpUrl } from './smtp-url';

/** How to reach the authority's mail relay, and who the messages are from. */
export interface SmtpSettings {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  url: string;
  /** The From header: `Name <address>` or a bare address. */
  from: string;
  /** Refuse to send unless the connection is encrypted (STARTTLS on an smtp:// server). */
  requireTls?: boolean;
  /** Connecting, the greeting and each reply: how long to wait before the send fails. */
  timeoutMs?: number;
}

export const DEFAULT_SMTP_FROM = 'EHC Hub <no-reply@ehc-hub.invalid>';

/**
 * `SMTP_URL` (unset or empty: no SMTP configured, null), `SMTP_FROM` (default
 * {@link DEFAULT_SMTP_FROM}) and `SMTP_REQUIRE_TLS` (`true` or `false`, default false). A malformed
 * value throws a ConfigError naming the variable and the rule, at start-up rather than at first send.
 */
export function readSmtpSettings(source: Env): SmtpSettings | null {
  const url = env.optional(source, 'SMTP_URL');
  if (url === undefined) return null;
  try {
    parseSmtpUrl(url);
  } catch (error) {
    throw new ConfigError(`SMTP_URL ${(error as Error).message}`);
  }
  const from = env.optional(source, 'SMTP_FROM') ?? DEFAULT_SMTP_FROM;
  if (!isFromHeader(from)) {
    throw new ConfigError(`SMTP_FROM must be an e-mail address or "Name <address>" on one line, got ${JSON.stringify(from)}`);
  }
  const requireTls = env.optional(source, 'SMTP_REQUIRE_TLS');
  if (requireTls !== undefined && requireTls !== 'true' && requireTls !== 'false') {
    throw new ConfigError(`SMTP_REQUIRE_TLS must be true or false, got "${requireTls}"`);
  }
  return { url, from, requireTls: requireTls === 'true' };
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function isFromHeader(value: string): boolean {
  if (/[\r\n]/.test(value)) return false;
  const named = /^([^<>]*)<([^<>]+)>$/.exec(value.trim());
  return ADDRESS.test(named ? named[2].trim() : value.trim());
}
