import { commandOperations } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import { type ServiceDefinition } from '@ehc/host';
import { CASE_COMMANDS } from './api/case-commands';
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
  openApiPaths: commandOperations((name) => `/needs-assessments/{id}/${name}`, { name: 'id', description: 'the case id' }, CASE_COMMANDS, {
    tag: 'needs-assessments',
    answer: 'The case after the command, with every statutory date',
    refusals: {
      404: 'No such case',
      409: 'The state does not allow it (e.g. a second decision, a closed case), or a stale expectedRevision',
      422: 'Breaks a rule on its own terms (e.g. a date in the future or before the request, the family\'s 15 days not run)',
    },
  }),
  configure: needsAssessmentSettings,
  module: (runtime, settings) => NeedsAssessmentModule.register(runtime, settings),
};
