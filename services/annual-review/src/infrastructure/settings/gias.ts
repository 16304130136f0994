import type { SettingPhase, SettingRecord, SettingType } from './setting.entity';

/**
 * Reads a row of the DfE "Get Information about Schools" establishment extract (edubasealldata CSV):
 * columns `URN`, `EstablishmentName`, `TypeOfEstablishment (name)`, `EstablishmentTypeGroup (name)`,
 * `PhaseOfEducation (name)`, `StatutoryLowAge`, `StatutoryHighAge`, `EstablishmentStatus (name)`,
 * `LA (name)`, `Postcode`, `UKPRN`, `ResourcedProvisionOnRoll`, `TypeOfResourcedProvision (name)`.
 */
export const GIAS_REQUIRED_COLUMNS = ['URN', 'EstablishmentName', 'TypeOfEstablishment (name)', 'PhaseOfEducation (name)'];

export function settingFromGias(row: Record<string, string>): Omit<SettingRecord, never> | { error: string } {
  const urn = row['URN'];
  if (!/^\d{5,8}$/.test(urn ?? '')) return { error: `URN "${urn ?? ''}" is not a URN` };
  const name = row['EstablishmentName'];
  if (!name) return { error: 'EstablishmentName is empty' };
  const giasType = row['TypeOfEstablishment (name)'] ?? '';
  const group = row['EstablishmentTypeGroup (name)'] ?? '';
  const phaseName = row['PhaseOfEducation (name)'] ?? '';
  // an age column holding anything but an age is the row's fault, named, never the database's
  // (a 99999999999 would overflow the integer column and fail the whole file)
  const lowAge = age(row['StatutoryLowAge']);
  const highAge = age(row['StatutoryHighAge']);
  if (lowAge === undefined) return { error: `StatutoryLowAge "${row['StatutoryLowAge']}" is not an age from 0 to ${MAX_AGE}` };
  if (highAge === undefined) return { error: `StatutoryHighAge "${row['StatutoryHighAge']}" is not an age from 0 to ${MAX_AGE}` };
  return {
    urn,
    ukprn: row['UKPRN'] || null,
    name,
    type: settingType(giasType, group, phaseName, row),
    phase: settingPhase(phaseName, giasType),
    lowAge,
    highAge,
    giasType: giasType || null,
    status: row['EstablishmentStatus (name)'] || null,
    localAuthority: row['LA (name)'] || null,
    postcode: row['Postcode'] || null,
  };
}

const MAX_AGE = 99;

/** An age column: empty is unknown (null); a whole number up to MAX_AGE is the age; anything else is undefined (a fault). */
function age(value: string | undefined): number | null | undefined {
  if (!value) return null;
  return /^\d{1,2}$/.test(value) ? Number(value) : undefined;
}

function settingType(giasType: string, group: string, phase: string, row: Record<string, string>): SettingType {
  const t = giasType.toLowerCase();
  if (/independent special|non-maintained special/.test(t)) return 'independent-special';
  if (/special/.test(t) || group.toLowerCase() === 'special schools') return 'special';
  if (/further education|sixth form centre|16 to 19|institution funded by other government/.test(t) || group.toLowerCase() === 'colleges') return 'further-education';
  if (/nursery/.test(t) || phase.toLowerCase() === 'nursery') return 'early-years';
  const rp = (row['TypeOfResourcedProvision (name)'] ?? '').toLowerCase();
  if ((rp && rp !== 'not applicable') || Number(row['ResourcedProvisionOnRoll'] || 0) > 0) return 'resourced-provision';
  return 'mainstream';
}

function settingPhase(phase: string, giasType: string): SettingPhase {
  switch (phase.toLowerCase()) {
    case 'nursery': return 'early-years';
    case 'primary': return 'primary';
    case 'middle deemed primary':
    case 'middle deemed secondary': return 'middle';
    case 'secondary': return 'secondary';
    case 'all-through': return 'all-through';
    case '16 plus': return 'post-16';
    default: return /further education|sixth form/i.test(giasType) ? 'post-16' : 'not-applicable';
  }
}
