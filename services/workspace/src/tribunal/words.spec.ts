import { explainAppealDeadline } from '@ehc/domain-kernel';
import { appealDeadlineWords, childName, inWords, DECISION_TYPE_WORDS, NEXT_DEADLINE_WORDS, sourcePage, windowDaysWords } from './words';

/** The deadline as the API shows it: the kernel's working, the deadline as `due`. */
const shown = (letterOn: string, certificateOn: string | null = null) => {
  const { unadjusted, adjustment, deadline } = explainAppealDeadline(letterOn, certificateOn);
  return { due: deadline, unadjusted, adjustment };
};

describe('the appeal deadline in words (TR r.20 and r.12)', () => {
  it('moves a weekend to the next working day', () => {
    const words = appealDeadlineWords(shown('2026-03-10'), { letterOn: '2026-03-10', certificateOn: null });
    expect(words.working).toBe('2 months after the decision letter of 10 March 2026: 10 May 2026 (Tribunal Procedure Rules r.20). A mediation certificate issued later can move it.');
    expect(words.adjustment).toBe('10 May 2026 is a Sunday, so the deadline moves to the next working day: 11 May 2026 (r.12(2)).');
  });

  it('moves a date in August to the first working day after 31 August (worked example 12)', () => {
    const words = appealDeadlineWords(shown('2026-06-10', '2026-07-24'), { letterOn: '2026-06-10', certificateOn: '2026-07-24' });
    expect(words.working).toBe('The later of 2 months after the decision letter of 10 June 2026 and 1 month after the mediation certificate of 24 July 2026: 24 August 2026 (Tribunal Procedure Rules r.20).');
    expect(words.adjustment).toBe('24 August 2026 falls in August, so the deadline moves to the first working day after 31 August: 1 September 2026 (r.12(3)).');
  });

  it('moves a date from 25 December to 1 January to the first working day after 1 January (worked example 13)', () => {
    const words = appealDeadlineWords(shown('2026-10-26'), { letterOn: '2026-10-26', certificateOn: null });
    expect(words.adjustment).toBe('26 December 2026 falls between 25 December and 1 January, so the deadline moves to the first working day after 1 January: 4 January 2027 (r.12(3)).');
  });

  it('says a bank holiday is one', () => {
    // 3 May 2027 is the early May bank holiday
    const words = appealDeadlineWords(shown('2027-03-03'), { letterOn: '2027-03-03', certificateOn: null });
    expect(words.adjustment).toBe('3 May 2027 is a bank holiday, so the deadline moves to the next working day: 4 May 2027 (r.12(2)).');
  });

  it('says nothing moved when nothing did', () => {
    const words = appealDeadlineWords(shown('2026-03-12'), { letterOn: '2026-03-12', certificateOn: null });
    expect(words.adjustment).toBe('12 May 2026 is a working day outside August and Christmas, so the deadline stays 12 May 2026.');
  });
});

describe('codes in words', () => {
  it('gives each decision type its words, and an unknown code made readable', () => {
    expect(inWords(DECISION_TYPE_WORDS, 'refusal-to-assess')).toBe('Refusal to carry out an EHC needs assessment');
    expect(inWords(DECISION_TYPE_WORDS, 'some-new-decision')).toBe('Some new decision');
    expect(inWords(DECISION_TYPE_WORDS, null)).toBe('');
  });

  it('names the next deadline an appeal waits on, an order\'s step among them', () => {
    expect(inWords(NEXT_DEADLINE_WORDS, 'la-response')).toBe('The authority\'s response');
    expect(inWords(NEXT_DEADLINE_WORDS, 'order:final-plan')).toBe('Order: issue the final EHC plan');
  });

  it('says where a family\'s window stands by its days left', () => {
    expect([5, 1, 0, -3, null].map(windowDaysWords)).toEqual(['5 days left', '1 day left', 'the last day is today', 'closed', '']);
  });

  it('names a child, an erased one, or none', () => {
    expect(childName({ givenName: 'Amara', familyName: 'Okafor' })).toBe('Amara Okafor');
    expect(childName({ erased: true })).toBe('(details erased)');
    expect(childName(null)).toBeNull();
  });

  it('links a decision to its case or plan, and not one made before the hub', () => {
    expect(sourcePage({ service: 'needs-assessment', id: 'a1' })).toBe('/cases/a1');
    expect(sourcePage({ service: 'annual-review', id: 'p1' })).toBe('/plans/p1');
    expect(sourcePage({ service: 'before-the-hub', id: 'LEG-1' })).toBeNull();
  });
});
