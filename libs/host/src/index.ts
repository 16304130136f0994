// @ehc/host: service runtimes and hosts (embedded and distributed), the message bus, the HTTP app.
export * from './http-app';
export * from './message-bus';
export * from './person-directory';
export * from './runtime';
export * from './service-host';
export * from './security-headers';
export * from './routes';
export * from './connection-drain';
export * from './idempotency';
export * from './command-answer';
export * from './lag-checks';
export * from './embedded-sign-in';
export * from './start-failure';
export * from './subject-access';
export * from './development-secrets';
export * from './rate-limits';
export * from './object-facts';
