import { generateCounty, countyFigures, rngFor, uuidFrom } from './services/needs-assessment/src/demo/synthetic-county';
import { replayCase, referenceOf } from './services/needs-assessment/src/demo/case-replay';
const t0 = Date.now();
const county = generateCounty({ seed: Number(process.argv[2] ?? 1), requestsPerYear: 3000, years: 3, today: '2026-11-26' });
const t1 = Date.now();
const f = countyFigures(county.cases);
console.log('gen ms', t1 - t0, f);
const ids = rngFor(1, 'ids');
let events = 0; const refused: any[] = []; const types: Record<string, number> = {};
const perYear = new Map<string, number>();
for (const c of county.cases) {
  const y = c.request.receivedOn.slice(0, 4); const n = (perYear.get(y) ?? 0) + 1; perYear.set(y, n);
  const r = replayCase(c, { reference: referenceOf(c.request.receivedOn, n), childId: uuidFrom(ids), today: county.today, correlationId: 'x', ids: () => uuidFrom(ids) });
  events += r.events.length; refused.push(...r.refused.map((x) => ({ i: c.index, cmd: x.step.command, on: x.step.body.on, e: x.error })));
  for (const e of r.events) types[e.type] = (types[e.type] ?? 0) + 1;
  const st = r.states[r.states.length - 1].stage;
  if (st !== c.outcome) refused.push({ i: c.index, mismatch: st, outcome: c.outcome });
}
console.log('fold ms', Date.now() - t1, 'events', events, 'per case', (events / county.cases.length).toFixed(1), 'refused', refused.length, refused.slice(0, 10));
console.log(types);
const req: Record<string, number> = {}; for (const c of county.cases) req[c.request.requestedBy] = (req[c.request.requestedBy] ?? 0) + 1;
console.log(req);
// timeliness for cases received >= 1 year ago only (mature cohort)
const mature = county.cases.filter(c => c.request.receivedOn < '2025-11-01');
console.log('mature', countyFigures(mature));
