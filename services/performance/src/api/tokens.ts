import type { Role } from '@ehc/identity';

export const PERFORMANCE_RUNTIME = Symbol('PERFORMANCE_RUNTIME');
export const PERFORMANCE_SETTINGS = Symbol('PERFORMANCE_SETTINGS');
export const PERFORMANCE_READER = Symbol('PERFORMANCE_READER');

/** Who reads the pack: the casework teams, the tribunal and funding officers, finance, the performance lead. */
export const PACK_READERS: Role[] = ['caseworker', 'team-manager', 'tribunal-officer', 'funding-officer', 'finance', 'performance-reader', 'administrator'];
/** Who sees the cases behind a figure; everyone else reads aggregates, with counts of 1 to 4 suppressed. */
export const DRILL_DOWN: Role[] = ['caseworker', 'team-manager', 'tribunal-officer', 'funding-officer'];
/** Who imports the special schools' places. */
export const PLACE_PLANNERS: Role[] = ['team-manager', 'performance-reader', 'administrator'];
/** Who prepares the SEN2 return (person-level, case by case): the data team, team managers, and caseworkers who put failing records right. */
export const SEN2_PREPARERS: Role[] = ['caseworker', 'team-manager', 'performance-reader', 'administrator'];
