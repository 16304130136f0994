import type { Pool, PoolClient } from 'pg';
import { inLockedTransaction } from '@ehc/event-store';
import {
  BUILT_IN_CONFIRMED_THROUGH, bankHolidayCalendarStatus, bankHolidaysInYear, isBankHoliday, isBankHolidayByRule, partsOf,
  proclamationsFromPublishedList, useProclaimedBankHolidays,
  type BankHoliday, type CalendarDate, type Clock, type Proclamation,
} from '@ehc/domain-kernel';

export interface BankHolidayYear {
  year: number;
  /** Checked against the published list: built in (up to BUILT_IN_CONFIRMED_THROUGH) or imported. */
  confirmed: boolean;
  confirmedThrough: number;
  holidays: { date: CalendarDate; name: string }[];
}

export interface ImportReport {
  yearsConfirmed: number[];
  confirmedThrough: number;
  /** Where the published list differs from the rule, for the years it covers. */
  proclamations: Proclamation[];
}

export type OneOffRefusal = 'NotABankHoliday' | 'AlreadyABankHoliday';

/**
 * The hub's bank-holiday calendar (domain §11.3): proclamations the rule cannot know and the years
 * confirmed against the published list, kept in PostgreSQL and handed to the kernel, so every
 * working-day rule in this process follows them. It is the only state that is not an event or a
 * read model, and nothing rebuilds it, so its tables are made here, never by TypeORM synchronize.
 *
 * Stored rows are always the difference between the rule and the effective calendar: at most one
 * row a date, 'extra' only on a day the rule does not give, 'cancelled' only on one it does.
 */
export class BankHolidayCalendar {
  private confirmedYears = new Set<number>();
  // writes and reloads one at a time, so the kernel never ends up holding an older reading
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pool: Pool, private readonly schema: string, private readonly clock: Clock) {}

  static async open(pool: Pool, schema: string, clock: Clock): Promise<BankHolidayCalendar> {
    const calendar = new BankHolidayCalendar(pool, schema, clock);
    await calendar.inTransaction(async (c) => {
      await c.query(`CREATE TABLE IF NOT EXISTS ${calendar.s}.bank_holiday_proclamations (
        date date NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('extra', 'cancelled')),
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        source text NOT NULL,
        PRIMARY KEY (date, kind))`);
      await c.query(`CREATE TABLE IF NOT EXISTS ${calendar.s}.bank_holiday_confirmed_years (
        year int PRIMARY KEY,
        confirmed_at timestamptz NOT NULL,
        confirmed_by text NOT NULL,
        source text NOT NULL)`);
    });
    return calendar;
  }

  private get s() {
    return `"${this.schema}"`;
  }

  /** Reads the tables into the kernel (at start-up, and after every change). */
  load(): Promise<void> {
    return this.serially(() => this.reload());
  }

  /**
   * Imports a published list: for every year it covers, that year's proclamations become the
   * list's difference from the rule and the year is confirmed, in one transaction. Importing the
   * same list again writes nothing.
   */
  importPublished(holidays: readonly BankHoliday[], actor: string, source: string): Promise<ImportReport> {
    return this.serially(async () => {
      const { years, proclamations } = proclamationsFromPublishedList(holidays);
      const at = this.clock().toISOString();
      await this.inTransaction(async (c) => {
        for (const year of years) {
          const mine = proclamations.filter((p) => partsOf(p.date).year === year);
          const dates = mine.map((p) => p.date);
          const kinds = mine.map((p) => p.kind);
          await c.query(
            `DELETE FROM ${this.s}.bank_holiday_proclamations
              WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)
                AND (to_char(date, 'YYYY-MM-DD'), kind) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
            [year, dates, kinds],
          );
          for (const p of mine) await this.upsert(c, p, at, actor, source);
          await c.query(
            `INSERT INTO ${this.s}.bank_holiday_confirmed_years (year, confirmed_at, confirmed_by, source) VALUES ($1, $2, $3, $4)
             ON CONFLICT (year) DO NOTHING`,
            [year, at, actor, source],
          );
        }
      });
      await this.reload();
      return { yearsConfirmed: years, confirmedThrough: bankHolidayCalendarStatus().confirmedThrough, proclamations };
    });
  }

  /**
   * An administrator's one-off: makes `date` a bank holiday ('extra') or not one ('cancelled'),
   * refused when the calendar already says so.
   */
  recordOneOff(proclamation: Proclamation, actor: string, source: string): Promise<{ ok: true; year: BankHolidayYear } | { ok: false; refusal: OneOffRefusal }> {
    return this.serially(async () => {
      const { date, kind } = proclamation;
      const holiday = isBankHoliday(date);
      if (kind === 'extra' && holiday) return { ok: false as const, refusal: 'AlreadyABankHoliday' as const };
      if (kind === 'cancelled' && !holiday) return { ok: false as const, refusal: 'NotABankHoliday' as const };
      const at = this.clock().toISOString();
      await this.inTransaction(async (c) => {
        // the day back to what the rule says: drop the row that made it differ
        if (kind === 'extra' ? isBankHolidayByRule(date) : !isBankHolidayByRule(date)) {
          await c.query(`DELETE FROM ${this.s}.bank_holiday_proclamations WHERE date = $1`, [date]);
        } else {
          await this.upsert(c, proclamation, at, actor, source);
        }
      });
      await this.reload();
      return { ok: true as const, year: this.year(partsOf(date).year) };
    });
  }

  /** The effective list for a year, from the kernel. */
  year(year: number): BankHolidayYear {
    const holidays = bankHolidaysInYear(year).map(({ date, name }) => ({ date, name }));
    const { confirmedThrough } = bankHolidayCalendarStatus();
    return { year, confirmed: year <= confirmedThrough || this.confirmedYears.has(year), confirmedThrough, holidays };
  }

  private async reload(): Promise<void> {
    const [{ rows: proclaimed }, { rows: confirmed }] = await Promise.all([
      this.pool.query<Proclamation>(`SELECT to_char(date, 'YYYY-MM-DD') AS date, name, kind FROM ${this.s}.bank_holiday_proclamations ORDER BY date, kind`),
      this.pool.query<{ year: number }>(`SELECT year FROM ${this.s}.bank_holiday_confirmed_years ORDER BY year`),
    ]);
    this.confirmedYears = new Set(confirmed.map((r) => r.year));
    // a year counts as confirmed through only when every year up to it is: a gap is a year no one checked
    let through = BUILT_IN_CONFIRMED_THROUGH;
    while (this.confirmedYears.has(through + 1)) through += 1;
    const before = bankHolidayCalendarStatus().latestYearComputedBeyondConfirmed;
    useProclaimedBankHolidays({ proclamations: proclaimed, confirmedThrough: through });
    // the kernel forgets on reload; a deadline already computed for a year still unconfirmed keeps its warning
    if (before !== null && before > through) bankHolidaysInYear(before);
  }

  private async upsert(c: PoolClient, p: Proclamation, at: string, actor: string, source: string): Promise<void> {
    await c.query(
      `INSERT INTO ${this.s}.bank_holiday_proclamations (date, name, kind, recorded_at, recorded_by, source) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (date, kind) DO UPDATE SET name = excluded.name, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by, source = excluded.source
       WHERE bank_holiday_proclamations.name IS DISTINCT FROM excluded.name`,
      [p.date, p.name, p.kind, at, actor, source],
    );
  }

  /** One writer per schema at a time, across processes too. */
  private inTransaction(work: (c: PoolClient) => Promise<void>): Promise<void> {
    return inLockedTransaction(this.pool, `bank-holidays:${this.schema}`, work);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
