import { env, localPolicies, type Env, type LocalPolicies } from '@ehc/config';
import type { ReviewAnchor } from './domain/events';

/** The annual review service's settings, read once at start-up. */
export interface AnnualReviewSettings extends LocalPolicies {
  /** domain §4, §11.6: what "the last review" is for the next 12 months; SEN2 uses the review decision date. */
  reviewAnchor: ReviewAnchor;
}

export const annualReviewSettings = (source: Env): AnnualReviewSettings => ({
  ...localPolicies(source),
  reviewAnchor: env.oneOf(source, 'REVIEW_ANCHOR', ['review-decision', 'meeting'] as const, 'review-decision'),
});
