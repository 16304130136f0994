import { generateCounty } from './services/needs-assessment/src/demo/synthetic-county';
for (const seed of [1,2,3,4,5]) {
const c = generateCounty({ seed, requestsPerYear: 3000, years: 3, today: '2026-11-26' });
let ref = 0, ass = 0; for (const k of c.cases) for (const s of k.steps) { if (s.command === 'refuse-assessment') ref++; if (s.command === 'decide-to-assess') ass++; }
console.log(seed, ref, ass, ref / (ref + ass));
}
