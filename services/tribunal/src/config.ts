import { env, localPolicies, type Env } from '@ehc/config';
import { LA_RESPONSE_WORKING_DAYS } from '@ehc/domain-kernel';

/** The tribunal service's settings, read once at start-up. */
export interface TribunalSettings {
  /** The authority's name on its letters. */
  authorityName: string;
  /** The tribunal's directions: working days from the appeal being sent to the LA's response (domain §3.4, default 30). */
  responseWorkingDays: number;
  /** The appeal rate as a flow: appeals in month M over appealable decisions in month M − lag (domain §11.10, default 2). */
  appealRateLagMonths: number;
}

export const tribunalSettings = (source: Env): TribunalSettings => ({
  authorityName: localPolicies(source).authorityName,
  responseWorkingDays: env.wholeNumber(source, 'TRIBUNAL_RESPONSE_WORKING_DAYS', LA_RESPONSE_WORKING_DAYS, { min: 1, max: 120 }),
  appealRateLagMonths: env.wholeNumber(source, 'APPEAL_RATE_LAG_MONTHS', 2, { min: 0, max: 12 }),
});
