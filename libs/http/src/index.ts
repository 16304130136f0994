// @ehc/http: HTTP problems (RFC 9457), request bodies read field by field, JSON logs with correlation ids.
export * from './logger';
export * from './problem';
export * from './validation';
export * from './input-rules';
