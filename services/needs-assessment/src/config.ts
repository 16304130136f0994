import { env, localPolicies, type Env, type LocalPolicies } from '@ehc/config';

/** The needs-assessment service's settings, read once at start-up. */
export interface NeedsAssessmentSettings extends LocalPolicies {
  /** Local policy, not law: days added to a statutory date for the expected date under an exception (domain §2.6). */
  exceptionExtensionDays: number;
}

export const needsAssessmentSettings = (source: Env): NeedsAssessmentSettings => ({
  ...localPolicies(source),
  exceptionExtensionDays: env.wholeNumber(source, 'EXCEPTION_EXPECTED_EXTENSION_DAYS', 35, { min: 0, max: 365 }),
});
