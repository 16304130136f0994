// @ehc/tooling: what the host, the command-line tools and the test servers share, and nothing of
// the domain: the embedded PostgreSQL server and a progress bar for long imports and benchmarks.
export * from './embedded-postgres';
export * from './progress';
