import type { ServiceDefinition } from '@ehc/host';
import { PersonalData } from '@ehc/personal-data';
import { SurveysModule } from './surveys.module';
import { surveysSettings, type SurveysSettings } from './config';
import { surveyResultsEntities } from './infrastructure/read-models/survey-results.entity';
import { surveysMigrations } from './infrastructure/tables';
import { SURVEY_PAGE_PATHS } from './api/survey-pages.controller';

export const surveysService: ServiceDefinition<SurveysSettings> = {
  name: 'surveys',
  schema: 'surveys',
  defaultPort: 3005,
  entities: [...PersonalData.entities, ...surveyResultsEntities],
  migrations: [...PersonalData.migrations, ...surveysMigrations],
  configure: surveysSettings,
  pages: SURVEY_PAGE_PATHS,
  module: (runtime, settings) => SurveysModule.register(runtime, settings),
};
