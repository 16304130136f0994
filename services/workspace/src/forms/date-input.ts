/** A GOV.UK date input's three boxes, as typed. */
export interface DateParts { day: string; month: string; year: string }

export type DateReading = { ok: true; date: string } | { ok: false; message: string; part: 'day' | 'month' | 'year' };

/**
 * Reads a date typed as day, month and year (GOV.UK's date input pattern) into YYYY-MM-DD, or says
 * what is wrong in the pattern's own words, naming the box to fix.
 */
export function readDate(parts: DateParts, label: string): DateReading {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, message: `Enter ${label}`, part: 'day' };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter((p): p is 'day' | 'month' | 'year' => !!p);
  if (missing.length) return { ok: false, message: `${capitalise(label)} must include a ${missing.join(' and ')}`, part: missing[0] };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    const part = !/^\d{1,2}$/.test(day) ? 'day' : !/^\d{1,2}$/.test(month) ? 'month' : 'year';
    return { ok: false, message: `${capitalise(label)} must be a real date`, part };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12) return { ok: false, message: `${capitalise(label)} must be a real date`, part: 'month' };
  if (probe.getUTCDate() !== d) return { ok: false, message: `${capitalise(label)} must be a real date`, part: 'day' };
  return { ok: true, date: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** YYYY-MM-DD into the three boxes, to show a date again. */
export function dateParts(date: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
