import type { ServiceDefinition } from '@ehc/host';
import { PerformanceModule } from './performance.module';
import { performanceSettings, type PerformanceSettings } from './config';
import { performanceMigrations } from './infrastructure/tables';

export const performanceService: ServiceDefinition<PerformanceSettings> = {
  name: 'performance',
  schema: 'performance',
  defaultPort: 3006,
  entities: [],
  migrations: performanceMigrations,
  configure: performanceSettings,
  module: (runtime, settings) => PerformanceModule.register(runtime, settings),
};
