import { rightsHolderOn, type CalendarDate, type Cohort } from '@ehc/domain-kernel';
import type { LetterService, RespondentRole, TriggerRespondent, TriggerRow } from './model';
import { questionSet } from './question-sets';

/**
 * Which letters invite a survey, whom, and with which questions (domain §7's proposal). A letter
 * kind not in the table invites nobody: draft plans, amendment notices, cease letters and
 * mediation arrangements are steps on the way, not outcomes a family can judge. Local authorities
 * may replace the table with the `SURVEY_TRIGGERS` setting (domain §11.13).
 */
export const DEFAULT_TRIGGERS: readonly TriggerRow[] = Object.freeze([
  { service: 'needs-assessment', letterKind: 'decision-to-assess', trigger: 'decision-to-assess', respondent: 'rights-holder', questionSet: 'decision' },
  { service: 'needs-assessment', letterKind: 'refusal-to-assess', trigger: 'refusal-to-assess', respondent: 'rights-holder', questionSet: 'decision' },
  { service: 'needs-assessment', letterKind: 'decision-not-to-issue', trigger: 'decision-not-to-issue', respondent: 'rights-holder', questionSet: 'decision' },
  { service: 'needs-assessment', letterKind: 'final-plan', trigger: 'final-plan', respondent: 'rights-holder', questionSet: 'final-plan' },
  // LYV's CYP survey measures how involved children and young people feel in shaping their plans
  { service: 'annual-review', letterKind: 'decision-to-maintain', trigger: 'review-decision', respondent: 'child-or-young-person', questionSet: 'cyp-review' },
  { service: 'annual-review', letterKind: 'decision-to-amend', trigger: 'review-decision-setting', respondent: 'setting', questionSet: 'setting-review' },
  { service: 'annual-review', letterKind: 'amended-plan', trigger: 'amended-plan', respondent: 'rights-holder', questionSet: 'review' },
  { service: 'annual-review', letterKind: 'decision-not-to-amend', trigger: 'decision-not-to-amend', respondent: 'rights-holder', questionSet: 'review' },
  { service: 'tribunal', letterKind: 'compliance-confirmed', trigger: 'disagreement-resolved', respondent: 'rights-holder', questionSet: 'disagreement' },
].map((row) => Object.freeze(row as TriggerRow)));

const SERVICES: readonly LetterService[] = ['needs-assessment', 'annual-review', 'tribunal'];
const RESPONDENTS: readonly TriggerRespondent[] = ['rights-holder', 'child-or-young-person', 'setting'];

/** The row a letter of this kind from this service matches, or null: the letter invites nobody. */
export function triggerFor(table: readonly TriggerRow[], service: LetterService, letterKind: string): TriggerRow | null {
  return table.find((row) => row.service === service && row.letterKind === letterKind) ?? null;
}

/**
 * The `SURVEY_TRIGGERS` setting: a JSON array of rows. Read at start-up, so a mistake stops the
 * service with a message naming the row, the field and the rule, rather than silently inviting nobody.
 */
export function parseTriggerTable(json: string): TriggerRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`SURVEY_TRIGGERS is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error('SURVEY_TRIGGERS must be a JSON array of trigger rows');
  const seen = new Map<string, number>();
  return parsed.map((raw: unknown, index) => {
    const fail = (field: string, rule: string): never => { throw new Error(`SURVEY_TRIGGERS row ${index}: ${field} ${rule}`); };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('row', 'must be an object');
    const row = raw as Record<string, unknown>;
    const text = (field: string): string => {
      const value = row[field];
      if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
      return (value as string).trim();
    };
    const service = text('service');
    if (!SERVICES.includes(service as LetterService)) fail('service', `must be one of ${SERVICES.join(', ')} (got "${service}")`);
    const letterKind = text('letterKind');
    const trigger = text('trigger');
    const respondent = text('respondent');
    if (!RESPONDENTS.includes(respondent as TriggerRespondent)) fail('respondent', `must be one of ${RESPONDENTS.join(', ')} (got "${respondent}")`);
    const set = text('questionSet');
    if (!questionSet(set)) fail('questionSet', `must name a known question set (got "${set}")`);
    const key = `${service} ${letterKind}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) fail('letterKind', `must be unique per service: row ${earlier} already has ${service} "${letterKind}"`);
    seen.set(key, index);
    return { service: service as LetterService, letterKind, trigger, respondent: respondent as TriggerRespondent, questionSet: set };
  });
}

export interface RespondentFacts {
  /** The child's school-year cohort, when the letter's case carries one. */
  cohort: Cohort | null | undefined;
  /** The letter's date. */
  on: CalendarDate;
  /** Whom the letter itself was addressed to. */
  letterRecipient: 'parent' | 'young-person';
}

/**
 * Whom to invite: the rights-holder on the letter's date (the young person from the end of compulsory
 * school age, domain §1, §7 "address the rights-holder (YP from 16)"), from the cohort when it is known,
 * else whoever the letter was addressed to.
 */
export function resolveRespondent(row: TriggerRow, facts: RespondentFacts): RespondentRole {
  switch (row.respondent) {
    case 'rights-holder':
      return facts.cohort ? rightsHolderOn(facts.cohort, facts.on) : facts.letterRecipient;
    case 'child-or-young-person':
    case 'setting':
      return row.respondent;
  }
}
