import { planFundingDecider, planFundingStream, type Command as PlanCommand } from '../domain/plan-funding/plan-funding';
import { SCHEMA_VERSIONS as PLAN_SCHEMA_VERSIONS } from '../domain/plan-funding/events';
import { BANDING_MATRIX_STREAM, BANDING_SCHEMA_VERSIONS, bandingDecider, type Command as BandingCommand } from '../domain/banding/banding-matrix';
import type { FundingAggregate } from './funding-command';

/** The funding service's aggregates, each with its own stream. */
export const PLAN_FUNDING: FundingAggregate<PlanCommand> = { decider: planFundingDecider, stream: planFundingStream, schemaVersions: PLAN_SCHEMA_VERSIONS };
export const BANDING_MATRIX: FundingAggregate<BandingCommand> = { decider: bandingDecider, stream: () => BANDING_MATRIX_STREAM, schemaVersions: BANDING_SCHEMA_VERSIONS };
import { BUDGET_SCHEMA_VERSIONS, budgetDecider, budgetStream, type Command as BudgetCommand } from '../domain/budget/high-needs-budget';

/** A financial year's high-needs budget: its id is the year. */
export const HIGH_NEEDS_BUDGET: FundingAggregate<BudgetCommand> = { decider: budgetDecider, stream: budgetStream, schemaVersions: BUDGET_SCHEMA_VERSIONS };
