import { isCalendarDate } from '@ehc/domain-kernel';
import { csvRecords, MalformedCsvError, malformedCsvProblem } from '@ehc/csv';
import { problem } from '@ehc/http';
import { poundsToPence } from '@ehc/money';
import { SETTING_TYPES, type SettingType } from '../domain/plan-funding/events';
import type { BandRate } from '../domain/banding/banding-matrix';

export const BAND_RATE_COLUMNS = ['band', 'setting_type', 'annual_pounds', 'valid_from'] as const;
const BAND = /^[0-9A-Za-z][0-9A-Za-z .+-]{0,19}$/;

interface RowFault { field: string; rule: string; message: string }

/**
 * A banding matrix file (`band,setting_type,annual_pounds,valid_from`) read whole: every fault in
 * every row named at once (400 for a file that is not the matrix's CSV, 422 for values), and nothing
 * taken unless all of it is good: money is not imported in part.
 */
export async function readBandRates(csv: string): Promise<BandRate[]> {
  const rates: BandRate[] = [];
  const faults: RowFault[] = [];
  const seen = new Map<string, number>();
  try {
    for await (const { row, values } of csvRecords(csv, {
      onHeader(header) {
        const missing = BAND_RATE_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length) {
          throw problem(400, 'NotABandingMatrix', 'The CSV is not a banding matrix', `the file lacks the columns ${missing.join(', ')} (expected ${BAND_RATE_COLUMNS.join(',')})`, {
            errors: missing.map((c) => ({ field: c, rule: 'ColumnRequired', message: `the column ${c} is required` })),
          });
        }
      },
    })) {
      const at = (field: string, rule: string, message: string) => faults.push({ field: `row ${row}: ${field}`, rule, message });
      const band = values.band.trim();
      const settingType = values.setting_type.trim() as SettingType;
      const pence = poundsToPence(values.annual_pounds.trim());
      const validFrom = values.valid_from.trim();
      if (!BAND.test(band)) at('band', 'BandFormat', 'a band is 1-20 letters, digits, spaces or . + -, starting with a letter or digit');
      if (!(SETTING_TYPES as readonly string[]).includes(settingType)) at('setting_type', 'UnknownSettingType', `the setting type must be one of ${SETTING_TYPES.join(', ')}`);
      if (!pence.ok) at('annual_pounds', 'NotAnAmount', 'an amount in pounds, with at most two decimal places (e.g. 12000 or 12000.50)');
      if (!isCalendarDate(validFrom)) at('valid_from', 'CalendarDate', 'a date YYYY-MM-DD');
      const key = `${band}|${settingType}|${validFrom}`;
      if (seen.has(key)) at('band', 'DuplicateRate', `band ${band} for ${settingType} from ${validFrom} is already on row ${seen.get(key)}`);
      seen.set(key, row);
      if (pence.ok) rates.push({ band, settingType, annualPence: pence.value, validFrom });
    }
  } catch (error) {
    if (error instanceof MalformedCsvError) throw malformedCsvProblem(error);
    throw error;
  }
  if (faults.length > 0) {
    throw problem(422, 'BandRatesInvalid', 'Some rows of the banding matrix are not valid: nothing was imported', `${faults.length} fault(s); the first: ${faults[0].field} ${faults[0].message}`, { errors: faults });
  }
  if (rates.length === 0) throw problem(422, 'BandRatesInvalid', 'The banding matrix has no rows: nothing was imported', undefined, { errors: [{ field: 'body', rule: 'RowsRequired', message: 'at least one rate' }] });
  return rates;
}
