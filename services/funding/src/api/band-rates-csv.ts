import { isCalendarDate } from '@ehc/domain-kernel';
import { poundsToPence } from '@ehc/money';
import { SETTING_TYPES, type SettingType } from '../domain/plan-funding/events';
import type { BandRate } from '../domain/banding/banding-matrix';
import { readCsvTable, type CsvTable } from './csv-table';

export const BAND_RATE_COLUMNS = ['band', 'setting_type', 'annual_pounds', 'valid_from'] as const;
const BAND = /^[0-9A-Za-z][0-9A-Za-z .+-]{0,19}$/;

const BANDING_MATRIX_CSV: CsvTable<BandRate> = {
  columns: BAND_RATE_COLUMNS,
  name: { a: 'a banding matrix', the: 'the banding matrix' },
  rules: { notThisTable: 'NotABandingMatrix', invalid: 'BandRatesInvalid' },
  row(values, at) {
    const { band, setting_type: settingType, valid_from: validFrom } = values;
    const pence = poundsToPence(values.annual_pounds);
    if (!BAND.test(band)) at('band', 'BandFormat', 'a band is 1-20 letters, digits, spaces or . + -, starting with a letter or digit');
    if (!(SETTING_TYPES as readonly string[]).includes(settingType)) at('setting_type', 'UnknownSettingType', `the setting type must be one of ${SETTING_TYPES.join(', ')}`);
    if (!pence.ok) at('annual_pounds', 'NotAnAmount', 'an amount in pounds, with at most two decimal places (e.g. 12000 or 12000.50)');
    if (!isCalendarDate(validFrom)) at('valid_from', 'CalendarDate', 'a date YYYY-MM-DD');
    return pence.ok ? { band, settingType: settingType as SettingType, annualPence: pence.value, validFrom } : null;
  },
  duplicate: {
    key: (v) => `${v.band}|${v.setting_type}|${v.valid_from}`,
    column: 'band',
    message: (v, first) => `band ${v.band} for ${v.setting_type} from ${v.valid_from} is already on row ${first}`,
  },
};

/**
 * A banding matrix file (`band,setting_type,annual_pounds,valid_from`) read whole: every fault in
 * every row named at once (400 for a file that is not the matrix's CSV, 422 for values), and nothing
 * taken unless all of it is good: money is not imported in part.
 */
export const readBandRates = (csv: string): Promise<BandRate[]> => readCsvTable(csv, BANDING_MATRIX_CSV);
