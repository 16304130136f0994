import { isCalendarDate } from '@ehc/domain-kernel';
import { poundsToPence } from '@ehc/money';
import type { RateVersion } from '../../domain/ey-inclusion/rates';
import { readCsvTable, type CsvTable } from '../csv-table';

export const EY_RATE_COLUMNS = ['level', 'hourly_pounds', 'valid_from'] as const;
/** A level as `approve` names it (1-40 characters). */
const LEVEL = /^[0-9A-Za-z][0-9A-Za-z .+-]{0,39}$/;

const EY_RATES_CSV: CsvTable<RateVersion> = {
  columns: EY_RATE_COLUMNS,
  name: { a: 'an early-years inclusion rates table', the: 'the early-years inclusion rates table' },
  rules: { notThisTable: 'NotAnEyInclusionRatesTable', invalid: 'EyInclusionRatesInvalid' },
  row(values, at) {
    const { level, valid_from: validFrom } = values;
    const pence = poundsToPence(values.hourly_pounds);
    if (!LEVEL.test(level)) at('level', 'LevelFormat', 'a level is 1-40 letters, digits, spaces or . + -, starting with a letter or digit');
    // an hourly rate of nothing funds nothing: a level the LA no longer funds is left without a new version
    if (!pence.ok || pence.value === 0) at('hourly_pounds', 'NotAnAmount', 'an hourly amount in pounds, more than 0, with at most two decimal places (e.g. 12 or 12.50)');
    if (!isCalendarDate(validFrom)) at('valid_from', 'CalendarDate', 'a date YYYY-MM-DD');
    return pence.ok ? { level, hourlyPence: pence.value, validFrom } : null;
  },
  duplicate: {
    key: (v) => `${v.level}|${v.valid_from}`,
    column: 'level',
    message: (v, first) => `level ${v.level} from ${v.valid_from} is already on row ${first}`,
  },
};

/** The rates table's file (`level,hourly_pounds,valid_from`) read whole: all of it good, or nothing imported. */
export const readEyInclusionRates = (csv: string): Promise<RateVersion[]> => readCsvTable(csv, EY_RATES_CSV);
