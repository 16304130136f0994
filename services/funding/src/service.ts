import { commandOperations } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import type { ServiceDefinition } from '@ehc/host';
import { FundingModule } from './funding.module';
import { fundingSettings, type FundingSettings } from './config';
import { PLAN_COMMANDS } from './api/plan-commands';
import { FundingDeadline, FundingPlanRow, FundingTimelineEntry } from './infrastructure/read-models/plans.entity';
import { ledgerEntities } from './infrastructure/read-models/ledger.entity';

export const fundingService: ServiceDefinition<FundingSettings> = {
  name: 'funding',
  schema: 'funding',
  defaultPort: 3003,
  entities: [...PersonalData.entities, FundingPlanRow, FundingDeadline, FundingTimelineEntry, ...ledgerEntities],
  migrations: [...PersonalData.migrations],
  openApiPaths: {
    ...commandOperations((name) => `/funding/plans/{planId}/${name}`, { name: 'planId', description: 'the EHC plan (its uuid)' }, PLAN_COMMANDS, {
      tag: 'plans',
      answer: 'The plan\'s funding after the command: placements, top-ups, commitmentsByYear',
      refusals: {
        404: 'planId is not a plan id (a uuid)',
        409: 'The plan\'s funding does not allow it now (a top-up already running, none running, a ceased plan), or a stale expectedRevision',
        422: 'Breaks a rule on its own terms (a band the matrix lacks for the setting type, a date in the future, an end before the start)',
      },
    }),
  },
  configure: fundingSettings,
  module: (runtime, settings) => FundingModule.register(runtime, settings),
};
