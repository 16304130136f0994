// Valuing SEND (domain §8): a child's needs, the setting's readiness and the family's confidence,
// each rated in five domains. Rated at the request, when the plan is made, and re-rated in the
// plan's assess-plan-do-review cycle (termly, at transitions), so both services record it.

/** The five Valuing SEND domains, in the order every rating is given. */
export const VALUING_SEND_DOMAINS = [
  'Cognition and learning', 'Communication and interaction', 'Sensory and physical', 'Social, emotional and mental health', 'Independence',
] as const;

/** One rating from 1 to 5 in each of the five domains, in VALUING_SEND_DOMAINS' order. */
export type DomainRatings = [number, number, number, number, number];

/** When in the process the ratings were made. */
export type NeedsProfileContext = 'request' | 'plan' | 'review' | 'other';
export const NEEDS_PROFILE_CONTEXTS: readonly NeedsProfileContext[] = ['request', 'plan', 'review', 'other'];

/** The lowest and highest rating (the seed gives no scale: domain §8 (check)). */
export const RATING_SCALE = { min: 1, max: 5 } as const;
