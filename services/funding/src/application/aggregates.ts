import { planFundingDecider, planFundingStream, type Command as PlanCommand } from '../domain/plan-funding/plan-funding';
import { SCHEMA_VERSIONS as PLAN_SCHEMA_VERSIONS } from '../domain/plan-funding/events';
import { BANDING_MATRIX_STREAM, BANDING_SCHEMA_VERSIONS, bandingDecider, type Command as BandingCommand } from '../domain/banding/banding-matrix';
import { eyInclusionDecider, eyInclusionStream, type Command as EyInclusionCommand } from '../domain/ey-inclusion/ey-inclusion';
import { SCHEMA_VERSIONS as EY_INCLUSION_SCHEMA_VERSIONS } from '../domain/ey-inclusion/events';
import { EY_INCLUSION_RATES_SCHEMA_VERSIONS, EY_INCLUSION_RATES_STREAM, eyInclusionRatesDecider, type Command as EyRatesCommand } from '../domain/ey-inclusion/rates-table';
import { eotasPackageDecider, eotasPackageStream, SCHEMA_VERSIONS as EOTAS_SCHEMA_VERSIONS, type Command as EotasCommand } from '../domain/eotas/eotas';
import type { FundingAggregate } from './funding-command';

/** The funding service's aggregates, each with its own stream. */
export const PLAN_FUNDING: FundingAggregate<PlanCommand> = { decider: planFundingDecider, stream: planFundingStream, schemaVersions: PLAN_SCHEMA_VERSIONS };
export const BANDING_MATRIX: FundingAggregate<BandingCommand> = { decider: bandingDecider, stream: () => BANDING_MATRIX_STREAM, schemaVersions: BANDING_SCHEMA_VERSIONS };
export const EY_INCLUSION: FundingAggregate<EyInclusionCommand> = { decider: eyInclusionDecider, stream: eyInclusionStream, schemaVersions: EY_INCLUSION_SCHEMA_VERSIONS };
export const EY_INCLUSION_RATES: FundingAggregate<EyRatesCommand> = { decider: eyInclusionRatesDecider, stream: () => EY_INCLUSION_RATES_STREAM, schemaVersions: EY_INCLUSION_RATES_SCHEMA_VERSIONS };
export const EOTAS_PACKAGE: FundingAggregate<EotasCommand> = { decider: eotasPackageDecider, stream: eotasPackageStream, schemaVersions: EOTAS_SCHEMA_VERSIONS };
import { BUDGET_SCHEMA_VERSIONS, budgetDecider, budgetStream, type Command as BudgetCommand } from '../domain/budget/high-needs-budget';

/** A financial year's high-needs budget: its id is the year. */
export const HIGH_NEEDS_BUDGET: FundingAggregate<BudgetCommand> = { decider: budgetDecider, stream: budgetStream, schemaVersions: BUDGET_SCHEMA_VERSIONS };
