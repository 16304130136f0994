import {
  appealableSection,
  appealDeadline,
  appealTypesFor,
  certificateAfterDeclineDueBy,
  certificateAfterMediationDueBy,
  certificateWhenMediationNotArrangedDueBy,
  explainAppealDeadline,
  icbNotificationDueBy,
  mediationContactDeadline,
  mediationMustTakePlaceBy,
  recommendationSection,
  certificateNeededFor,
  type AppealableDecisionType,
  type AppealType,
  type PlanSection,
} from './appeals';

describe('appeal deadline: TR r.20 and r.12', () => {
  it.each([
    // [letter, certificate, unadjusted, adjustment, deadline]
    ['2026-06-10', undefined, '2026-08-10', 'august', '2026-09-01'],
    ['2026-06-10', '2026-07-24', '2026-08-24', 'august', '2026-09-01'], // example 12
    ['2026-10-26', undefined, '2026-12-26', 'christmas', '2027-01-04'], // example 13
    ['2026-10-26', '2026-12-14', '2027-01-14', 'none', '2027-01-14'], // example 13 with certificate
    ['2026-03-03', undefined, '2026-05-03', 'non-working-day', '2026-05-05'], // example 14
    ['2026-10-25', undefined, '2026-12-25', 'christmas', '2027-01-04'],
    ['2026-10-31', undefined, '2026-12-31', 'christmas', '2027-01-04'],
    ['2026-10-24', undefined, '2026-12-24', 'none', '2026-12-24'],
    ['2026-11-01', undefined, '2027-01-01', 'christmas', '2027-01-04'],
    ['2027-10-31', undefined, '2027-12-31', 'christmas', '2028-01-04'], // Mon 3 Jan 2028 is the New Year substitute
    ['2026-12-31', undefined, '2027-02-28', 'non-working-day', '2027-03-01'], // clamp, then a Sunday rolls on
    ['2026-07-31', undefined, '2026-09-30', 'none', '2026-09-30'],
    ['2026-05-15', '2026-06-02', '2026-07-15', 'none', '2026-07-15'], // the letter's 2 months are later
    ['2027-06-01', undefined, '2027-08-01', 'august', '2027-09-01'],
  ])('letter %s, certificate %s: %s -> %s -> %s', (letter, certificate, unadjusted, adjustment, deadline) => {
    expect(explainAppealDeadline(letter, certificate)).toEqual({ unadjusted, adjustment, deadline });
    expect(appealDeadline(letter, certificate)).toBe(deadline);
  });
});

describe('mediation (regs 32-42)', () => {
  it('contact the mediation adviser within 2 months of the letter, with no roll-forward', () => {
    expect(mediationContactDeadline('2026-03-03')).toBe('2026-05-03');
    expect(mediationContactDeadline('2026-12-31')).toBe('2027-02-28');
  });

  it.each([
    [certificateAfterDeclineDueBy, '2026-04-02', '2026-04-09'],
    [certificateAfterMediationDueBy, '2026-03-26', '2026-03-31'],
    [certificateWhenMediationNotArrangedDueBy, '2026-12-23', '2026-12-30'],
    [icbNotificationDueBy, '2026-05-01', '2026-05-07'],
  ])('%p: three working days after %s is %s', (rule, from, expected) => {
    expect(rule(from)).toBe(expected);
  });

  it('mediation takes place within 30 calendar days (example 15)', () => {
    expect(mediationMustTakePlaceBy('2026-03-03')).toBe('2026-04-02');
  });
});

describe('appealable decisions (Act s.51, domain §3.1)', () => {
  it.each<[AppealableDecisionType, AppealType[]]>([
    ['refusal-to-assess', ['refusal-to-assess']],
    ['decision-not-to-issue', ['refusal-to-issue']],
    ['final-plan', ['contents', 'section-i-only']],
    ['amended-plan', ['contents', 'section-i-only']],
    ['decision-not-to-amend', ['refusal-to-amend']],
    ['refusal-to-reassess', ['refusal-to-reassess']],
    ['cease', ['cease']],
  ])('given a %s letter, then it opens the appeals %j', (decision, appeals) => {
    expect(appealTypesFor(decision)).toEqual(appeals);
  });

  it('given a caller that changes the list it was given, then the table stays as the Act has it', () => {
    expect(() => (appealTypesFor('final-plan') as AppealType[]).push('cease')).toThrow(TypeError);
    expect(appealTypesFor('final-plan')).toEqual(['contents', 'section-i-only']);
  });

  it('given a decision the Act does not make appealable, then it is a bug and throws', () => {
    expect(() => appealTypesFor('decision-to-assess' as AppealableDecisionType)).toThrow(RangeError);
    expect(() => appealTypesFor('toString' as AppealableDecisionType)).toThrow(RangeError);
  });

  it.each<[AppealType, boolean]>([
    ['refusal-to-assess', true],
    ['refusal-to-issue', true],
    ['contents', true],
    ['section-i-only', false],
    ['cease', true],
    ['refusal-to-amend', true],
    ['refusal-to-reassess', true],
  ])('given a %s appeal, then a mediation certificate is needed first: %s (s.55)', (appealType, needed) => {
    expect(certificateNeededFor(appealType)).toBe(needed);
  });

  it('given a section I only appeal, then the deadline is the letter\'s 2 months alone (no certificate)', () => {
    expect(certificateNeededFor('section-i-only')).toBe(false);
    expect(appealDeadline('2026-03-03')).toBe('2026-05-05'); // example 14
  });

  it.each<[PlanSection, boolean, boolean]>([
    // [section, appealable, recommendation only]
    ['B', true, false],
    ['C', false, true],
    ['D', false, true],
    ['F', true, false],
    ['G', false, true],
    ['H1', false, true],
    ['H2', false, true],
    ['I', true, false],
  ])('given section %s, then appealable: %s, recommendation only: %s', (section, appealable, recommendation) => {
    expect(appealableSection(section)).toBe(appealable);
    expect(recommendationSection(section)).toBe(recommendation);
  });

  it.each(['A', 'E', 'J', 'K'])('given section %s, then neither an appeal nor a recommendation can touch it', (section) => {
    expect(appealableSection(section as PlanSection)).toBe(false);
    expect(recommendationSection(section as PlanSection)).toBe(false);
  });
});
