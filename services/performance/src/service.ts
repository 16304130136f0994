import type { ServiceDefinition } from '@ehc/host';
import { PerformanceModule } from './performance.module';
import { performanceSettings, type PerformanceSettings } from './config';
import { performanceMigrations } from './infrastructure/tables';

export const performanceService: ServiceDefinition<PerformanceSettings> = {
  name: 'performance',
  schema: 'performance',
  defaultPort: 3006,
  // a pack at a time, and the facts arriving a batch at a time: a small pool, so six services in one
  // process stay within PostgreSQL's connections
  poolSize: 6,
  entities: [],
  migrations: performanceMigrations,
  configure: performanceSettings,
  module: (runtime, settings) => PerformanceModule.register(runtime, settings),
};
