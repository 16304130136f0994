/**
 * s.51 (domain §3.1): which of the LA's decisions on an assessment the family may appeal to the
 * First-tier Tribunal. The decision letters carry appeal rights and the published events say so
 * from this one table.
 */
export const APPEALABLE = {
  DecidedToAssess: false,
  DecidedNotToAssess: true,
  DecidedNotToIssuePlan: true,
  /** sections B, F and I of the plan */
  FinalPlanIssued: true,
} as const;
