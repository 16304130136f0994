import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { inProcessTokens } from '@ehc/identity';
import { performanceService } from '../../services/performance/src/service';
import { PERFORMANCE_READER } from '../../services/performance/src/api/tokens';
import type { PackReader } from '../../services/performance/src/application/pack-reader';
import { rebuildFacts } from '../../services/performance/src/infrastructure/facts.consumer';
import { loadAllFacts, type AsAt } from '../../services/performance/src/infrastructure/fact-store';
import { CaseIndex } from '../../services/performance/src/domain/case-index';
import { computePack, DEFAULT_PACK_SETTINGS, type Pack } from '../../services/performance/src/domain/measures';
import { SOURCE_OF, type FactKind } from '../../services/performance/src/domain/facts';
import { countyEvents, type CountyTally } from './bench/performance-county';

jest.setTimeout(180_000);

/**
 * The pack reads only the facts it needs (a few per cent of a county's history): here, on a synthetic
 * county rebuilt from event zero in real PostgreSQL, every measure, breakdown and case of the packs of
 * several months, now and as at earlier dates, is the same as the pack computed from every fact (the
 * surveys counted by the database, the rest from the facts loaded).
 */
describe('the pack from the facts it loads is the pack from all the facts', () => {
  const today = '2026-06-30';
  let host: RunningHost;
  let reader: PackReader;
  let schema: string;

  beforeAll(async () => {
    const tokens = await inProcessTokens(fixedClock(`${today}T12:00:00Z`));
    host = await startEmbedded([performanceService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock: fixedClock(`${today}T12:00:00Z`), accessTokens: tokens.verifier });
    const runtime = host.runtimes.find((r) => r.service === 'performance')!;
    schema = runtime.schema;
    reader = host.app.get<PackReader>(PERFORMANCE_READER);
    const tally: CountyTally = { events: 0, byType: {}, requests: 0, plans: 0, lateRecorded: 0 };
    const facts = await rebuildFacts(runtime.pool, schema, countyEvents({ today, years: 4, requestsPerYear: 400, batch: 2_000 }, tally));
    expect(facts).toBe(tally.events);
    expect(tally.events).toBeGreaterThan(15_000);
  });
  afterAll(async () => {
    await host?.stop();
  });

  const everything = async (month: string, asAt: AsAt, latest: string): Promise<Pack> => {
    const runtime = host.runtimes.find((r) => r.service === 'performance')!;
    const all = await loadAllFacts(runtime.pool, schema, '2099-12-31', asAt, Object.keys(SOURCE_OF) as FactKind[]);
    return computePack({ index: new CaseIndex(all), latest, settings: DEFAULT_PACK_SETTINGS }, month, asAt === null ? null : 'date' in asAt ? asAt.date : asAt.instant);
  };
  const comparable = (pack: Pack) => Object.fromEntries(Object.entries(pack.measures).map(([name, m]) => [name, {
    value: m.value, numerator: m.numerator, denominator: m.denominator, breakdown: m.breakdown, provisional: m.provisional, trend: m.trend,
    cases: [...m.cases].sort((a, b) => `${a.caseId}${a.detail}`.localeCompare(`${b.caseId}${b.detail}`)),
  }]));

  it.each([
    ['2026-05', null, today],
    ['2025-11', null, today],
    ['2024-02', null, today],
    ['2026-03', { date: '2026-04-10' }, '2026-04-10'],
    ['2025-06', { date: '2025-07-05' }, '2025-07-05'],
  ] as const)('the pack for %s as at %j', async (month, asAt, latest) => {
    const loaded = await reader.pack(month, asAt as AsAt);
    const all = await everything(month, asAt as AsAt, latest);
    const [a, b] = [comparable(loaded), comparable(all)];
    expect(Object.keys(a).filter((name) => !isDeepStrictEqual(a[name], b[name]))).toEqual([]);
    expect(a).toEqual(b);
    // not an empty county: the comparison means something
    expect(all.measures.requestsReceived.value).toBeGreaterThan(10);
    expect(all.measures.annualReviewsOnTime.denominator).toBeGreaterThan(10);
  });
});
