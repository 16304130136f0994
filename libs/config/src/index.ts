// @ehc/config: environment variables read once, typed and validated; the local policies.
export * from './config';
