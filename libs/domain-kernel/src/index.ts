// @ehc/domain-kernel: the statutory calendar, CalendarDate, Result and ids. Pure TypeScript:
// no framework, no I/O, and no clock except the injected one (STYLE §1, §2).
export * from './result';
export * from './decider';
export * from './calendar-date';
export * from './clock';
export * from './london';
export * from './bank-holidays';
export * from './working-days';
export * from './ehcna-time-limits';
export * from './exceptions';
export * from './appeals';
export * from './tribunal';
export * from './annual-review';
export * from './plan-transfer';
export * from './academic-year';
export * from './ids';
export * from './deadline-status';
export * from './representations';
export * from './plausible-dates';
export * from './valuing-send';
export * from './seeded-random';
