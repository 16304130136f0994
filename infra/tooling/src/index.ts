// @ehc/tooling: what the host, the command-line tools and the test servers share, and nothing of
// the domain: the embedded PostgreSQL server (its watchdog and supervision) and a progress bar for
// long imports and benchmarks.
export * from './embedded-postgres';
export { errorText } from './error-text';
export { commandLine, isAlive, parentPid, processStartTime } from './processes';
export { livePostmaster, readPostmasterPid, stopPostmaster } from './postmaster';
export * from './progress';
export { freePort } from './ports';
