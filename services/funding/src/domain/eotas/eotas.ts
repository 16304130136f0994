import type { Decider } from '@ehc/domain-kernel';
import { decide, type RuleBroken } from './decide';
import { evolve, initialState, isOnFile, outstandingChecks, type EotasPackage, type EotasPackageState, type PackageStatus } from './package-state';
import type { Command, CommandType } from './commands';
import type { CommissioningCheck, EndReason, Event, EventType, Provider } from './events';

export type { Command, CommandType, Event, EventType, RuleBroken, EotasPackage, EotasPackageState, PackageStatus, CommissioningCheck, EndReason, Provider };
export { decide, evolve, initialState, isOnFile, outstandingChecks };
export { COMMISSIONING_CHECKS, END_REASONS, SCHEMA_VERSIONS } from './events';
export { eotasCommitment, penceForDays, weeklyCostOn, weeklyCostPeriods, type Commitment, type CostPeriod } from './cost';
export { eotasNextSteps, type EotasStepName } from './next-steps';

export const eotasPackageDecider: Decider<Command, Event, EotasPackageState, RuleBroken> = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen: one stream per EOTAS package. Stream ids are built only here. */
export const EOTAS_PACKAGE_STREAM_PREFIX = 'eotasPackage-';
export const eotasPackageStream = (packageId: string): string => `${EOTAS_PACKAGE_STREAM_PREFIX}${packageId}`;
export const packageIdOf = (stream: string): string => stream.slice(EOTAS_PACKAGE_STREAM_PREFIX.length);
