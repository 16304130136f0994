// @ehc/personal-data: people and documents kept beside the events, erasable, with their migrations.
export * from './case-document.entity';
export * from './person.entity';
export * from './personal-data';
export * from './personal-data.migrations';
export * from './schema-of';
