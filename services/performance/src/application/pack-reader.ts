import type { Pool } from 'pg';
import { londonDateOf, todayInLondon, type CalendarDate, type Clock } from '@ehc/domain-kernel';
import { CaseIndex } from '../domain/case-index';
import { computePack, type Pack, type PackSettings } from '../domain/measures';
import { addMonthsTo, firstDayOf, lastDayOf, type Month } from '../domain/months';
import { restate, type Restatement } from '../domain/restatement';
import type { Fact, FactKind } from '../domain/facts';
import { asAtLabel, loadAllFacts, loadFacts, loadSurveyMonths, type AsAt } from '../infrastructure/fact-store';

/** The pack, its restatement and the whole histories SEN2 reads, from the facts recorded by an as-at time. */
export class PackReader {
  constructor(private readonly pool: Pool, private readonly schema: string, private readonly settings: PackSettings, private readonly clock: Clock) {}

  today(): CalendarDate {
    return todayInLondon(this.clock);
  }

  /** The last day the pack may look at: the as-at day, else today. */
  private latest(asAt: AsAt): CalendarDate {
    if (asAt === null) return this.today();
    return 'date' in asAt ? asAt.date : londonDateOf(new Date(asAt.instant));
  }

  async pack(month: Month, asAt: AsAt): Promise<Pack> {
    // twelve months of trend, and the 30-week conversion cohorts (seven months) before the first of them
    const from = firstDayOf(addMonthsTo(month, -11));
    const to = lastDayOf(month);
    const [facts, surveys] = await Promise.all([
      loadFacts(this.pool, this.schema, { lookbackFrom: firstDayOf(addMonthsTo(month, -19)), from, to }, asAt),
      loadSurveyMonths(this.pool, this.schema, { from, to }, asAt),
    ]);
    return computePack({ index: new CaseIndex(facts), surveys, latest: this.latest(asAt), settings: this.settings }, month, asAtLabel(asAt));
  }

  async restatement(month: Month, from: AsAt, to: AsAt): Promise<Restatement> {
    return restate(await this.pack(month, from), await this.pack(month, to));
  }

  /** The whole history, to `to`, of the kinds asked (SEN2 and place planning: never the surveys' or the funding's). */
  history(to: CalendarDate, asAt: AsAt, kinds: readonly FactKind[]): Promise<Fact[]> {
    return loadAllFacts(this.pool, this.schema, to, asAt, kinds);
  }
}
