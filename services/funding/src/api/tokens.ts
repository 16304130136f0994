/** What the funding controllers are given by the module. */
export const FUNDING_RECORDS = Symbol('FUNDING_RECORDS');
export const FUNDING_SETTINGS = Symbol('FUNDING_SETTINGS');
export const FUNDING_RUNTIME = Symbol('FUNDING_RUNTIME');

/** Who works on funding: the funding team; team managers see it; finance reads. */
export const FUNDING_WORK = ['funding-officer', 'team-manager'] as const;
export const FUNDING_READERS = [...FUNDING_WORK, 'finance', 'caseworker'] as const;
export const WHY_NOT_SCOPED = 'the funding team works every plan across the service\'s teams; no outside party has a route here';

/** The records of the early-years inclusion applications and the EOTAS packages, each answering once its own list shows a command. */
export const EY_INCLUSION_RECORDS = Symbol('EY_INCLUSION_RECORDS');
export const EOTAS_RECORDS = Symbol('EOTAS_RECORDS');
