import type { ServiceDefinition } from '@ehc/platform';
import { NeedsAssessmentModule } from './needs-assessment.module';
import { AssessmentRequest } from './infrastructure/assessment-request.entity';
import { CaseReferenceCounter } from './infrastructure/case-reference-counter.entity';
import { Person } from './infrastructure/person.entity';

export const needsAssessmentService: ServiceDefinition = {
  name: 'needs-assessment',
  schema: 'needs_assessment',
  defaultPort: 3001,
  entities: [AssessmentRequest, Person, CaseReferenceCounter],
  module: (runtime) => NeedsAssessmentModule.register(runtime),
};
