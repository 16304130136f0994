import { commandOperations } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import { type ServiceDefinition } from '@ehc/host';
import { PLAN_COMMANDS } from './api/plan-commands';
import { AnnualReviewModule } from './annual-review.module';
import { annualReviewSettings, type AnnualReviewSettings } from './config';
import { planFileEntities } from './infrastructure/read-models/plan-files.projection';
import { SettingRecord } from './infrastructure/settings/setting.entity';
import { annualReviewUpcasters } from './infrastructure/upcasters';
import { annualReviewMigrations } from './infrastructure/migrations';

export const annualReviewService: ServiceDefinition<AnnualReviewSettings> = {
  name: 'annual-review',
  schema: 'annual_review',
  defaultPort: 3002,
  entities: [...PersonalData.entities, ...planFileEntities, SettingRecord],
  upcasters: annualReviewUpcasters,
  migrations: [...PersonalData.migrations, ...annualReviewMigrations],
  openApiPaths: commandOperations((name) => `/annual-reviews/{planId}/${name}`, { name: 'planId', description: 'the plan id' }, PLAN_COMMANDS, {
    tag: 'annual-reviews',
    answer: 'The plan after the command, with every statutory date',
    refusals: {
      404: 'No such plan',
      409: 'The state does not allow it (e.g. no meeting held yet, a plan ceased), or a stale expectedRevision',
      422: 'Breaks a rule on its own terms (e.g. a date in the future, the family\'s 15 days not run, a setting not in the directory)',
    },
  }),
  configure: annualReviewSettings,
  module: (runtime, settings) => AnnualReviewModule.register(runtime, settings),
};
