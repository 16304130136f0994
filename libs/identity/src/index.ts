// @ehc/identity: who is calling, from a verified OpenID Connect access token.
export * from './access-token';
export * from './policy';
export * from './access-guard';
export * from './authentication';
export * from './discovery';
export * from './client-credentials';
export * from './in-process-tokens';
export * from './relationships';
export * from './access-directory';
export * from './visibility';
