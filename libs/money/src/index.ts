// @ehc/money: the funding service's money rules (high-needs top-up funding). Pure TypeScript: no
// framework, no I/O, no clock (STYLE §1, §2); every amount is whole pence.
export * from './amounts';
export * from './financial-year';
export * from './proration';
export * from './split';
export * from './periods';
export * from './schedule';
export * from './commitments';
export * from './ledger';
