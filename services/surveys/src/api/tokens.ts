import type { Role } from '@ehc/identity';

export const SURVEY_ANSWERS = Symbol('SURVEY_ANSWERS');
export const SURVEY_LINKS = Symbol('SURVEY_LINKS');
export const SURVEY_PAGES = Symbol('SURVEY_PAGES');
export const SURVEYS_RUNTIME = Symbol('SURVEYS_RUNTIME');
export const SURVEYS_SETTINGS = Symbol('SURVEYS_SETTINGS');
export const SURVEYS_VIEWS = Symbol('SURVEYS_VIEWS');
/** The links, the outbox and the notifier the module builds once (the consumer and the sweep share them). */
export const SURVEYS_PARTS = Symbol('SURVEYS_PARTS');

/** Who reads the invitations and results: the casework teams, the performance lead. */
export const SURVEY_READERS: Role[] = ['caseworker', 'team-manager', 'performance-reader'];
/** Who flags a family's surveys off, records its address, and opens the outbox. */
export const SURVEY_WORK: Role[] = ['caseworker', 'team-manager'];
