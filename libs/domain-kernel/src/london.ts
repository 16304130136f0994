import { calendarDate, type CalendarDate } from './calendar-date';
import type { Clock } from './clock';

// Domain §11.15: the time zone is Europe/London. A request received at 00:30 BST on 1 July
// (23:30 UTC on 30 June) was received on 1 July; truncating the UTC timestamp would lose a day.
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/London calendar date at an instant, whatever the server's own TZ. */
export const londonDateOf = (instant: Date): CalendarDate => {
  if (Number.isNaN(instant.getTime())) throw new RangeError('londonDateOf: invalid Date');
  const parts = LONDON.formatToParts(instant);
  const part = (type: 'year' | 'month' | 'day'): number => {
    const found = parts.find((p) => p.type === type);
    if (!found) throw new Error(`Intl.DateTimeFormat gave no ${type} part`);
    return Number(found.value);
  };
  return calendarDate(part('year'), part('month'), part('day'));
};

/** "Today" for the hub: always the London date of the injected clock's instant. */
export const todayInLondon = (clock: Clock): CalendarDate => londonDateOf(clock());
