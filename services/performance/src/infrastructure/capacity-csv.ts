import { csvRecords } from '@ehc/csv';
import type { CapacityRow } from '../domain/place-planning';

export interface CapacityCsvError {
  line: number;
  field: string;
  message: string;
}

export const CAPACITY_CSV_HEADER = ['urn', 'name', 'academic_year', 'places'] as const;

/** 2025, or 2025/26 or 2025-26 with the second year following the first. */
function academicYearOfCell(text: string): number | null {
  const m = /^(\d{4})(?:[/-](\d{2}))?$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== (start + 1) % 100) return null;
  return start;
}

/**
 * Reads the capacity list staff keep (header `urn,name,academic_year,places`). Every fault is
 * reported with its line and column, and no row with a fault is taken; a file that is not CSV at
 * all gives one error and no rows.
 */
export async function parseCapacityCsv(text: string): Promise<{ rows: CapacityRow[]; errors: CapacityCsvError[] }> {
  const rows: CapacityRow[] = [];
  const errors: CapacityCsvError[] = [];
  const seen = new Map<string, number>();
  try {
    for await (const { line, values } of csvRecords(text, {
      onHeader: (header) => {
        const missing = CAPACITY_CSV_HEADER.filter((h) => !header.includes(h));
        if (missing.length > 0) throw new HeaderError(missing);
      },
    })) {
      const before = errors.length;
      const fault = (field: string, message: string) => errors.push({ line, field, message });
      const urn = values.urn;
      if (!/^\d{6,8}$/.test(urn)) fault('urn', `"${urn}" is not a URN (six to eight digits).`);
      const name = values.name;
      if (name === '') fault('name', 'The school\'s name is empty.');
      const academicYear = academicYearOfCell(values.academic_year);
      if (academicYear === null) fault('academic_year', `"${values.academic_year}" is not an academic year (2025 or 2025/26).`);
      const places = /^\d+$/.test(values.places) ? Number(values.places) : null;
      if (places === null) fault('places', `"${values.places}" is not a whole number of places.`);
      if (errors.length > before || academicYear === null || places === null) continue;
      const key = `${urn}|${academicYear}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        fault('urn', `The school ${urn} already has places for ${academicYear}/${String((academicYear + 1) % 100).padStart(2, '0')} on line ${earlier}.`);
        continue;
      }
      seen.set(key, line);
      rows.push({ urn, name, academicYear, places });
    }
  } catch (error) {
    if (error instanceof HeaderError) return { rows: [], errors: [{ line: 1, field: 'header', message: error.message }] };
    throw error;
  }
  return { rows, errors };
}

class HeaderError extends Error {
  constructor(missing: readonly string[]) {
    super(`The header must be ${CAPACITY_CSV_HEADER.join(',')}; missing: ${missing.join(', ')}.`);
  }
}
