import type { ServiceDefinition } from '@ehc/host';
import { SurveysModule } from './surveys.module';

export const surveysService: ServiceDefinition = {
  name: 'surveys',
  schema: 'surveys',
  defaultPort: 3005,
  entities: [],
  module: (runtime) => SurveysModule.register(runtime),
};
