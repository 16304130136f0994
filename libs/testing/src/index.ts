export * from './decider-spec';
export * from './event-store-contract';
export * from './postgres';
export * from './kafka-broker';
export * from './kafka';
export * from './data-source';
export * from './contract-checks';
export * from './keycloak-server';
