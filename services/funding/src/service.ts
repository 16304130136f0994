import { commandOperations } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import type { ServiceDefinition } from '@ehc/host';
import { FundingModule } from './funding.module';
import { fundingSettings, type FundingSettings } from './config';
import { PLAN_COMMANDS } from './api/plan-commands';
import { FundingDeadline, FundingPlanRow, FundingTimelineEntry } from './infrastructure/read-models/plans.entity';
import { ledgerEntities } from './infrastructure/read-models/ledger.entity';
import { EY_INCLUSION_COMMANDS } from './api/ey-inclusion/commands';
import { EOTAS_COMMANDS } from './api/eotas/commands';
import { SIGN_OFF_ROLE } from './api/eotas/packages.controller';
import { EyApplicationRow, EyDeadline, EyTimelineEntry } from './infrastructure/read-models/ey-applications.entity';
import { EotasDeadline, EotasPackageRow, EotasTimelineEntry } from './infrastructure/read-models/eotas-packages.entity';

/** `approve` is management sign-off: its 403 says so (the host documents every other operation's 403). */
function signOffByManagers(paths: Record<string, unknown>): Record<string, unknown> {
  const approve = paths['/funding/eotas-packages/{id}/approve'] as { post: { responses: Record<string, unknown> } };
  approve.post.responses['403'] = { description: `RoleNotAllowed: the token's roles do not include one this operation allows, or (management sign-off) not ${SIGN_OFF_ROLE}; the proposer is answered 422 SignOffByProposer instead, whatever their role` };
  return paths;
}

export const fundingService: ServiceDefinition<FundingSettings> = {
  name: 'funding',
  schema: 'funding',
  defaultPort: 3003,
  entities: [
    ...PersonalData.entities, FundingPlanRow, FundingDeadline, FundingTimelineEntry, ...ledgerEntities, EyApplicationRow, EyDeadline, EyTimelineEntry, EotasPackageRow,
    EotasDeadline, EotasTimelineEntry,
  ],
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
    ...commandOperations((name) => `/funding/ey-inclusion/applications/{id}/${name}`, { name: 'id', description: 'the application for early-years inclusion funding (its uuid)' }, EY_INCLUSION_COMMANDS, {
      tag: 'ey-inclusion',
      answer: 'The application after the command: status, deadlines.decision, decision, payments, clawback, nextSteps',
      refusals: {
        404: 'NoSuchApplication (an id that is not a uuid too), or UnknownCommand',
        409: 'The application does not allow it now (AlreadyDecided, AlreadyTriaged, AwaitingInformation, NotAwaitingInformation, NotApproved, AlreadyPaid, ChildLeft, ApplicationWithdrawn), or a stale expectedRevision',
        422: 'Breaks a rule on its own terms (DateInFuture, DateBeforeApplication, UnknownRateLevel, PeriodEndsBeforeItStarts, NoSuchPaymentLine, LastDayAfterFundedPeriod, …)',
      },
    }),
    ...signOffByManagers(commandOperations((name) => `/funding/eotas-packages/{id}/${name}`, { name: 'id', description: 'the EOTAS package (its uuid)' }, EOTAS_COMMANDS, {
      tag: 'eotas-packages',
      answer: 'The package after the command: status, checks, weeklyCostPence, costHistory, deadlines.review, nextSteps',
      refusals: {
        404: 'NoSuchPackage (an id that is not a uuid too), or UnknownCommand',
        409: 'The package does not allow it now (AlreadyApproved, NotApproved, PackageDeclined, PackageEnded, CheckAlreadyRecorded), or a stale expectedRevision',
        422: 'Breaks a rule on its own terms (ChecksOutstanding, SignOffByProposer, DateInFuture, PanelAfterDecision, NextReviewDateNotAfter, CostChangeBeforeStart, LastDayBeforeStart, …)',
      },
    })),
  },
  configure: fundingSettings,
  module: (runtime, settings) => FundingModule.register(runtime, settings),
};
