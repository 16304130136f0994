import { addDays, ageOn, isWorkingDay, onOrBefore } from '@ehc/domain-kernel';
import { referenceOf, replayCase } from './case-replay';
import { countyFigures, generateCounty, rngFor, uuidFrom } from './synthetic-county';

const today = '2026-11-26';
const county = generateCounty({ seed: 7, requestsPerYear: 1500, years: 2, today });

describe('synthetic county', () => {
  it('is the same county for the same options, and another county for another seed', () => {
    expect(generateCounty({ seed: 7, requestsPerYear: 1500, years: 2, today })).toEqual(county);
    expect(generateCounty({ seed: 8, requestsPerYear: 1500, years: 2, today }).cases[0]).not.toEqual(county.cases[0]);
  });

  it('receives requests on working days, in order, over the years asked for, none after today', () => {
    expect(county.cases).toHaveLength(3000);
    const days = county.cases.map((c) => c.request.receivedOn);
    expect(days.every(isWorkingDay)).toBe(true);
    expect([...days].sort()).toEqual(days);
    expect(onOrBefore(addDays(today, -731), days[0])).toBe(true);
    expect(onOrBefore(days[days.length - 1], today)).toBe(true);
  });

  it('dates every step on or after the request and on or before today, in order', () => {
    for (const c of county.cases) {
      const dates = c.steps.map((s) => s.body.on);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((d) => onOrBefore(c.request.receivedOn, d) && onOrBefore(d, today))).toBe(true);
    }
  });

  it('has only young people of 16 to 24 asking for themselves, and no child born after the request', () => {
    for (const { request: r } of county.cases) {
      expect(onOrBefore(r.child.dateOfBirth, r.receivedOn)).toBe(true);
      if (r.requestedBy === 'young-person') expect(ageOn(r.child.dateOfBirth, r.receivedOn)).toBeGreaterThanOrEqual(16);
      if (r.requestedBy === 'young-person') expect(ageOn(r.child.dateOfBirth, r.receivedOn)).toBeLessThan(25);
    }
  });

  it('is accepted step by step by the real decider, ending where the generator says', () => {
    const ids = rngFor(7, 'spec');
    for (const c of county.cases) {
      const replayed = replayCase(c, { reference: referenceOf(c.request.receivedOn, c.index + 1), childId: uuidFrom(ids), today, correlationId: 'spec', ids: () => uuidFrom(ids) });
      expect(replayed.refused).toEqual([]);
      expect(replayed.states[replayed.states.length - 1].stage).toBe(c.outcome);
    }
  });

  it('never issues a final plan inside the representations window unless the family has responded (reg 13(1))', () => {
    for (const c of county.cases) {
      const draft = c.steps.find((s) => s.command === 'issue-draft-plan');
      const plan = c.steps.find((s) => s.command === 'issue-final-plan');
      if (!draft || !plan) continue;
      const responded = c.steps.some((s) => s.command === 'record-parent-response' && onOrBefore(s.body.on, plan.body.on));
      if (!responded) expect(onOrBefore(addDays(draft.body.on, 15), plan.body.on)).toBe(true);
    }
  });

  it('lands inside the calibration ranges of domain §12 and the rates it aims at', () => {
    const mature = countyFigures(county.cases.filter((c) => onOrBefore(c.request.receivedOn, '2025-11-01')));
    expect(mature.refusalRate).toBeGreaterThan(0.21);
    expect(mature.refusalRate).toBeLessThan(0.29);
    expect(mature.twentyWeekRate).toBeGreaterThan(0.44);
    expect(mature.twentyWeekRate).toBeLessThan(0.56);
    expect(mature.withdrawn / mature.cases).toBeGreaterThan(0.015);
    expect(mature.withdrawn / mature.cases).toBeLessThan(0.05);
    expect(mature.excepted / mature.cases).toBeGreaterThan(0.015);
    expect(mature.excepted / mature.cases).toBeLessThan(0.05);
    expect(mature.open).toBe(0);
    // recent requests are still open at the stage their age allows
    expect(countyFigures(county.cases.filter((c) => onOrBefore(addDays(today, -30), c.request.receivedOn))).open).toBeGreaterThan(0);
    const settings = county.cases.filter((c) => ['school', 'early-years-setting', 'post-16-institution'].includes(c.request.requestedBy)).length;
    expect(settings / county.cases.length).toBeGreaterThan(0.49);
    expect(settings / county.cases.length).toBeLessThan(0.57);
  });
});
