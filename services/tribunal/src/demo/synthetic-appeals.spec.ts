import { addDays, isBefore, type AppealableDecisionType, type CalendarDate } from '@ehc/domain-kernel';
import type { Command } from '../domain/commands';
import { APPEAL_RATES, replayDisagreement, syntheticDisagreements, type AppealableDecisionOnFile } from './synthetic-appeals';

const today: CalendarDate = '2026-11-26';

/** Three years of a county's appealable decisions, a few a day, in the mix of a large county. */
function decisionsOver(days: number, mix: readonly [AppealableDecisionType, number][]): AppealableDecisionOnFile[] {
  const out: AppealableDecisionOnFile[] = [];
  let n = 0;
  for (let day = days; day >= 0; day--) {
    const letterOn = addDays(today, -day);
    for (const [decisionType, perDay] of mix) {
      for (let i = 0; i < perDay; i++) out.push({ decisionId: `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`, decisionType, letterOn });
    }
  }
  return out;
}
const LARGE_COUNTY: [AppealableDecisionType, number][] = [['refusal-to-assess', 2], ['final-plan', 5], ['decision-not-to-issue', 1], ['decision-not-to-amend', 8], ['amended-plan', 3], ['cease', 1]];
const decisions = decisionsOver(3 * 365, LARGE_COUNTY);
const disagreements = syntheticDisagreements(decisions, { seed: 7, today });

const open = (d: AppealableDecisionOnFile): Extract<Command, { type: 'OpenAppealWindow' }> => ({
  type: 'OpenAppealWindow',
  data: {
    decisionId: d.decisionId, source: { service: 'before-the-hub', id: d.decisionId }, childId: null, decisionType: d.decisionType, letterOn: d.letterOn, letterId: null,
    recipient: 'parent', openedBy: 'by-hand', certificateOn: null, today,
  },
});

describe('synthetic disagreements', () => {
  it('are the same for the same seed and decisions, and others for another seed', () => {
    expect(syntheticDisagreements(decisions, { seed: 7, today })).toEqual(disagreements);
    expect(syntheticDisagreements(decisions, { seed: 8, today })).not.toEqual(disagreements);
  });

  it('are accepted command by command by the real decider, none dated after today', () => {
    const byId = new Map(decisions.map((d) => [d.decisionId, d]));
    for (const s of disagreements) {
      const { refused } = replayDisagreement(open(byId.get(s.decisionId)!), s.commands);
      expect(refused).toEqual([]);
      expect(s.commands.every((c) => !isBefore(today, 'on' in c.data ? c.data.on : c.type === 'RegisterAppeal' ? c.data.registeredOn : c.type === 'RequestMediation' ? c.data.requestedOn : today))).toBe(true);
    }
  });

  it('land on 2% of appealable decisions appealed, inside the 1–3% of domain §12, counted once the windows have closed', () => {
    // letters at least 200 days old: every window has closed (a certificate moves the deadline a month past it at most)
    const closed = decisions.filter((d) => isBefore(d.letterOn, addDays(today, -200)));
    const appealed = new Set(disagreements.filter((s) => s.appealed).map((s) => s.decisionId));
    const rate = closed.filter((d) => appealed.has(d.decisionId)).length / closed.length;
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.03);
    expect(Math.abs(rate - APPEAL_RATES.appealed)).toBeLessThan(0.003);
  });

  it('bring mediations with and without an appeal after them, and orders complied with on time, late and under an exception', () => {
    const all = disagreements.flatMap((s) => s.commands);
    const count = (type: Command['type']) => all.filter((c) => c.type === type).length;
    expect(count('RequestMediation')).toBeGreaterThan(count('RegisterAppeal') / 2);
    expect(count('HoldMediation')).toBeGreaterThan(0);
    expect(count('RecordMediationNotArranged')).toBeGreaterThan(0);
    expect(count('ScreenMediationRequest')).toBeGreaterThan(0);
    expect(count('WithdrawAppeal') + count('ConcedeAppeal') + count('RecordAppealOutcome')).toBeGreaterThan(count('RegisterAppeal') * 0.8);
    expect(count('ApplyComplianceException')).toBeGreaterThan(0);
    expect(count('RecordCompliance')).toBeGreaterThan(0);
  });
});
