import { PersonalData, type ServiceDefinition } from '@ehc/platform';
import { NeedsAssessmentModule } from './needs-assessment.module';
import { needsAssessmentSettings, type NeedsAssessmentSettings } from './config';
import { AssessmentRequest } from './infrastructure/assessment-request.entity';
import { CaseReferenceCounter } from './infrastructure/case-reference-counter.entity';

import { caseFileEntities } from './infrastructure/read-models/case-files.projection';
import { needsAssessmentMigrations } from './infrastructure/migrations';

export const needsAssessmentService: ServiceDefinition<NeedsAssessmentSettings> = {
  name: 'needs-assessment',
  schema: 'needs_assessment',
  defaultPort: 3001,
  entities: [AssessmentRequest, CaseReferenceCounter, ...PersonalData.entities, ...caseFileEntities],
  migrations: [...PersonalData.migrations, ...needsAssessmentMigrations],
  configure: needsAssessmentSettings,
  module: (runtime, settings) => NeedsAssessmentModule.register(runtime, settings),
};
