import { addDays, isBefore } from '@ehc/domain-kernel';
import { appealableDecisionsOf, generateCounty, rngFor, uuidFrom } from '../../services/needs-assessment/src/demo/synthetic-county';
import { APPEAL_RATES, replayDisagreement, syntheticDisagreements } from '../../services/tribunal/src/demo/synthetic-appeals';

/**
 * The demo county's disagreements (seed:demo): the needs assessments' appealable decisions, followed
 * by mediations and appeals calibrated to domain §12, every command accepted by the tribunal's decider.
 */
describe('the demo county\'s appeals', () => {
  const today = '2026-11-26';
  const county = generateCounty({ seed: 7, requestsPerYear: 3000, years: 3, today });
  const ids = rngFor(7, 'decisions');
  const decisions = appealableDecisionsOf(county.cases).map((d) => ({ decisionId: uuidFrom(ids), decisionType: d.decisionType, letterOn: d.letterOn }));
  const disagreements = syntheticDisagreements(decisions, { seed: '7', today });

  it('are accepted command by command by the tribunal\'s decider', () => {
    const letters = new Map(decisions.map((d) => [d.decisionId, d]));
    for (const s of disagreements) {
      const d = letters.get(s.decisionId)!;
      const { refused } = replayDisagreement({
        type: 'OpenAppealWindow',
        data: { decisionId: d.decisionId, source: { service: 'needs-assessment', id: d.decisionId }, childId: null, decisionType: d.decisionType, letterOn: d.letterOn, letterId: 'letter-1', recipient: 'parent', openedBy: 'published-decision', certificateOn: null, today },
      }, s.commands);
      expect(refused).toEqual([]);
    }
  });

  it('land the appeal rate within the 1–3% of appealable decisions of domain §12, near the 2% aimed at', () => {
    // the cohort of decisions whose windows have all closed (a certificate moves a deadline a month past the 2 months at most)
    const closed = decisions.filter((d) => isBefore(d.letterOn, addDays(today, -200)));
    const appealed = new Set(disagreements.filter((s) => s.appealed).map((s) => s.decisionId));
    const rate = closed.filter((d) => appealed.has(d.decisionId)).length / closed.length;
    expect(closed.length).toBeGreaterThan(3000);
    expect(rate).toBeGreaterThanOrEqual(0.01);
    expect(rate).toBeLessThanOrEqual(0.03);
    expect(Math.abs(rate - APPEAL_RATES.appealed)).toBeLessThan(0.005);
  });
});
