import { PersonalData, type ServiceDefinition } from '@ehc/platform';
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
  configure: annualReviewSettings,
  module: (runtime, settings) => AnnualReviewModule.register(runtime, settings),
};
