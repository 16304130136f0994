import { ConfigError, env, type Env } from '@ehc/config';
import type { PaymentCadence } from '@ehc/money';
import { SETTING_TYPES, type SettingType } from './domain/plan-funding/events';

/** The funding service's settings, read once at start-up. */
export interface FundingSettings {
  /** Setting types paid termly (summer, autumn, spring); the others monthly (domain §11.11, default: early years). */
  termlySettingTypes: SettingType[];
  /** Working days an early-years inclusion funding application is decided in (local choice, default 20). */
  eyDecisionWorkingDays: number;
}

export function fundingSettings(source: Env): FundingSettings {
  const raw = env.optional(source, 'FUNDING_TERMLY_SETTING_TYPES') ?? 'early-years';
  const termly = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = termly.filter((t) => !(SETTING_TYPES as readonly string[]).includes(t));
  if (unknown.length) throw new ConfigError(`FUNDING_TERMLY_SETTING_TYPES must list setting types (${SETTING_TYPES.join(', ')}), got "${unknown.join(', ')}"`);
  return {
    termlySettingTypes: termly as SettingType[],
    eyDecisionWorkingDays: env.wholeNumber(source, 'EY_INCLUSION_DECISION_WORKING_DAYS', 20, { min: 1, max: 120 }),
  };
}

/** How a setting type is paid. */
export const cadenceOf = (settings: FundingSettings) => (type: SettingType): PaymentCadence => (settings.termlySettingTypes.includes(type) ? 'termly' : 'monthly');
