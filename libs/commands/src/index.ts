// @ehc/commands: command execution (read, decide, append, side writes) and one schema per command.
export * from './command-execution';
export * from './command-schema';
export * from './needs-profile';
export * from './side-tables';
export * from './idempotency';
export * from './import-runs';
