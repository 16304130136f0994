// @ehc/calendar: the administrator-extendable bank-holiday calendar.
export * from './bank-holiday-calendar';
export * from './bank-holidays.controller';
export * from './published-list';
