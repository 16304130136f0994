import type { ServiceDefinition } from '@ehc/platform';
import { NeedsAssessmentModule } from './needs-assessment.module';
import { AssessmentRequest } from './infrastructure/assessment-request.entity';
import { CaseReferenceCounter } from './infrastructure/case-reference-counter.entity';
import { Person } from './infrastructure/person.entity';
import { CaseDocument } from './infrastructure/case-document.entity';
import { caseFileEntities } from './infrastructure/read-models/case-files.projection';

export const needsAssessmentService: ServiceDefinition = {
  name: 'needs-assessment',
  schema: 'needs_assessment',
  defaultPort: 3001,
  entities: [AssessmentRequest, Person, CaseReferenceCounter, CaseDocument, ...caseFileEntities],
  module: (runtime) => NeedsAssessmentModule.register(runtime),
};
