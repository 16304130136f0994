export * from './json-schema';
