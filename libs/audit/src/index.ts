// @ehc/audit: the append-only, tamper-evident log of who read whose personal data.
export * from './audit-log';
export * from './audit-log.migrations';
export * from './audited';
export * from './audit.controller';
