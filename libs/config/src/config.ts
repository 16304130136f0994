import { DEFAULT_PLAUSIBLE_DATES, EARLY_FINALISATION_POLICIES, isCalendarDate, type CalendarDate, type EarlyFinalisationPolicy, type PlausibleDates } from '@ehc/domain-kernel';

/**
 * Environment variables, validated at start-up: a missing or malformed one stops the process with a
 * message naming it, rather than failing later at first use.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export const env = {
  string(source: Env, name: string, fallback?: string): string {
    const value = source[name] ?? fallback;
    if (value === undefined || value === '') throw new ConfigError(`${name} is required`);
    return value;
  },
  optional(source: Env, name: string): string | undefined {
    const value = source[name];
    return value === '' ? undefined : value;
  },
  port(source: Env, name: string, fallback?: number): number {
    const raw = source[name] ?? (fallback === undefined ? undefined : String(fallback));
    if (raw === undefined) throw new ConfigError(`${name} is required`);
    const port = Number(raw);
    // 0 asks the system for any free port (tests)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name} must be a TCP port (0-65535), got "${raw}"`);
    return port;
  },
  oneOf<T extends string>(source: Env, name: string, allowed: readonly T[], fallback?: T): T {
    const raw = source[name] ?? fallback;
    if (raw === undefined) throw new ConfigError(`${name} is required (one of ${allowed.join(', ')})`);
    if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return raw as T;
  },
  url(source: Env, name: string, protocols: string[], fallback?: string): string {
    const raw = env.string(source, name, fallback);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')}), got "${raw}"`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    return raw;
  },
  brokers(source: Env, name: string): string[] {
    const raw = env.string(source, name);
    const brokers = raw.split(',').map((b) => b.trim()).filter(Boolean);
    for (const b of brokers) {
      if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(b)) throw new ConfigError(`${name} must be a comma-separated list of host:port, got "${b}"`);
    }
    return brokers;
  },
  wholeNumber(source: Env, name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = source[name] ?? String(fallback);
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
      throw new ConfigError(`${name} must be a whole number from ${range.min} to ${range.max}, got "${raw}"`);
    }
    return value;
  },
  calendarDate(source: Env, name: string, fallback: CalendarDate): CalendarDate {
    const raw = env.optional(source, name) ?? fallback;
    if (!isCalendarDate(raw)) throw new ConfigError(`${name} must be a calendar date YYYY-MM-DD, got "${raw}"`);
    return raw;
  },
  schemaName(source: Env, name: string, fallback: string): string {
    const value = env.string(source, name, fallback);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new ConfigError(`${name} must be a lower-case PostgreSQL identifier, got "${value}"`);
    return value;
  },
};

/** The local policies (not law) every casework service applies the same way (domain §11). */
export interface LocalPolicies {
  /** Letters are signed in its name. */
  authorityName: string;
  /** May a plan be finalised inside the family's 15 days on their final response (reg 13(1), reg 22)? */
  earlyFinalisation: EarlyFinalisationPolicy;
  /** How far back a request, a plan or a date of birth may plausibly lie (issue 18). */
  plausibleDates: PlausibleDates;
}

export const localPolicies = (source: Env): LocalPolicies => ({
  authorityName: env.string(source, 'AUTHORITY_NAME', 'The Local Authority'),
  earlyFinalisation: env.oneOf(source, 'EARLY_FINALISATION', EARLY_FINALISATION_POLICIES, 'allowed'),
  plausibleDates: plausibleDates(source),
});

/** `EARLIEST_CASE_DATE` (default 2014-09-01) and `MAX_AGE_AT_REQUEST` (default 25, from 1 to 30). */
export const plausibleDates = (source: Env): PlausibleDates => ({
  earliestCaseDate: env.calendarDate(source, 'EARLIEST_CASE_DATE', DEFAULT_PLAUSIBLE_DATES.earliestCaseDate),
  maxAgeAtRequest: env.wholeNumber(source, 'MAX_AGE_AT_REQUEST', DEFAULT_PLAUSIBLE_DATES.maxAgeAtRequest, { min: 1, max: 30 }),
});
