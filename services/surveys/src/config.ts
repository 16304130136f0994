import { ConfigError, env, type Env } from '@ehc/config';
import { readSmtpSettings, type SmtpSettings } from '@ehc/notifications';
import { DEFAULT_TRIGGERS, parseTriggerTable } from './domain/triggers';
import { DEFAULT_LEXICON, parseLexicon, type Lexicon } from './domain/themes';
import type { TriggerRow } from './domain/model';
import { DEFAULT_MESSAGE_TEMPLATES, readMessageTemplates, type MessageTemplates } from './domain/messages';

/** The surveys service's settings (domain §11.13: triggers, channel, suppression are local choices), read once at start-up. */
export interface SurveysSettings {
  triggers: readonly TriggerRow[];
  lexicon: Lexicon;
  /** Days a link works for, counting from the day it was sent (default 28). */
  linkDays: number;
  /** Days after which an unanswered invitation is reminded, once (default 14; 0 sends none). */
  reminderDays: number;
  /** No second invitation for a case whose letter is within this many days of another invited letter's (default 90; 0 turns it off). */
  quietPeriodDays: number;
  /**
   * A letter sent more than this many days before it reaches the service invites nobody (default 28):
   * a service started late, a replay or a catch-up never e-mails families about old letters.
   */
  letterMaxAgeDays: number;
  /** Where the links in the messages point: SURVEY_LINK_BASE_URL, else PUBLIC_URL, else http://localhost:<PORT>. */
  linkBaseUrl: string;
  /** The secret the links are signed with; unset, one is made once and kept in the database (embedded). */
  linkSecret: string | null;
  /** SMTP_URL: unset, messages wait in the outbox a caseworker opens in the workspace. */
  smtp: SmtpSettings | null;
  templates: MessageTemplates;
  /** How often the reminder sweep and the outbox dispatch run (seconds; default 60). */
  sweepSeconds: number;
}

export function surveysSettings(source: Env): SurveysSettings {
  const port = env.optional(source, 'PORT') ?? '3000';
  const base = env.optional(source, 'SURVEY_LINK_BASE_URL') ? env.url(source, 'SURVEY_LINK_BASE_URL', ['http', 'https'])
    : env.optional(source, 'PUBLIC_URL') ? env.url(source, 'PUBLIC_URL', ['http', 'https']) : `http://localhost:${port}`;
  const secret = env.optional(source, 'SURVEY_LINK_SECRET') ?? null;
  if (secret !== null && secret.length < 32) throw new ConfigError('SURVEY_LINK_SECRET must be at least 32 characters (it signs every survey link)');
  return {
    triggers: parsed('SURVEY_TRIGGERS', source, parseTriggerTable, DEFAULT_TRIGGERS),
    lexicon: parsed('SURVEY_THEMES', source, parseLexicon, DEFAULT_LEXICON),
    linkDays: env.wholeNumber(source, 'SURVEY_LINK_DAYS', 28, { min: 1, max: 365 }),
    reminderDays: env.wholeNumber(source, 'SURVEY_REMINDER_DAYS', 14, { min: 0, max: 364 }),
    quietPeriodDays: env.wholeNumber(source, 'SURVEY_QUIET_PERIOD_DAYS', 90, { min: 0, max: 730 }),
    letterMaxAgeDays: env.wholeNumber(source, 'SURVEY_LETTER_MAX_AGE_DAYS', 28, { min: 0, max: 36_500 }),
    linkBaseUrl: base.replace(/\/+$/, ''),
    linkSecret: secret,
    smtp: readSmtpSettings(source),
    templates: parsed('SURVEY_MESSAGE_TEMPLATES', source, readMessageTemplates, DEFAULT_MESSAGE_TEMPLATES),
    sweepSeconds: env.wholeNumber(source, 'SURVEY_SWEEP_SECONDS', 60, { min: 1, max: 86_400 }),
  };
}

/** A JSON setting read by its parser; its errors name the variable. */
function parsed<T>(name: string, source: Env, parse: (json: string) => T, fallback: T): T {
  const raw = env.optional(source, name);
  if (raw === undefined) return fallback;
  try {
    return parse(raw);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}`);
  }
}
