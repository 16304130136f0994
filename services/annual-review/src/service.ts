import type { ServiceDefinition } from '@ehc/platform';
import { AnnualReviewModule } from './annual-review.module';

export const annualReviewService: ServiceDefinition = {
  name: 'annual-review',
  schema: 'annual_review',
  defaultPort: 3002,
  entities: [],
  module: (runtime) => AnnualReviewModule.register(runtime),
};
