import type { ServiceDefinition } from '@ehc/host';
import { FundingModule } from './funding.module';

export const fundingService: ServiceDefinition = {
  name: 'funding',
  schema: 'funding',
  defaultPort: 3003,
  entities: [],
  module: (runtime) => FundingModule.register(runtime),
};
