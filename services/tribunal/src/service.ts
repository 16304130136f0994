import type { ServiceDefinition } from '@ehc/host';
import { TribunalModule } from './tribunal.module';

export const tribunalService: ServiceDefinition = {
  name: 'tribunal',
  schema: 'tribunal',
  defaultPort: 3004,
  entities: [],
  module: (runtime) => TribunalModule.register(runtime),
};
