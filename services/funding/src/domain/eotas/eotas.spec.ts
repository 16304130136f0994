import { deciderSpec } from '@ehc/testing';
import type { CalendarDate } from '@ehc/domain-kernel';
import { eotasPackageDecider, eotasPackageStream, packageIdOf, type Command, type Event, type Provider } from './eotas';

/*
 * The worked package: proposed Mon 2026-03-02 by officer-1 for £425.50 a week (42,550p), to start
 * Mon 2026-03-16 with a review on Mon 2026-06-15; the weekly panel sat Thu 2026-03-05 and
 * manager-7 signed it off Fri 2026-03-06. At the review on 06-15 the cost rises to £450.00
 * (45,000p) from Mon 06-22; it ends (decided Fri 10-16) with a last day of Fri 10-23.
 */
const given = deciderSpec(eotasPackageDecider);
const TODAY = '2026-12-31';
const PACKAGE = '3f6c2a9e-1b4d-4c8e-9a7f-5d2e1c0b9a8f';
const PLAN = '8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b';
const CHILD = '0d9c8b7a-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const tuition: Provider = { name: 'Wolds Learning Partnership CIC', ukprn: null, unregulated: true };
const college: Provider = { name: 'Lincoln College', ukprn: '10003899', unregulated: false };
const ALL_CHECKS = ['dbs-checks', 'safeguarding-policy', 'insurance', 'premises-risk-assessment', 'qualifications', 'references'] as const;

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today: CalendarDate = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

type Proposal = Extract<Event, { type: 'EotasPackageProposed' }>['data'];
const proposed = (over: Partial<Proposal> = {}): Event => ({
  type: 'EotasPackageProposed',
  data: {
    packageId: PACKAGE, planId: PLAN, childId: CHILD, proposedOn: '2026-03-02', proposedBy: 'officer-1', provider: college, checksDone: [],
    weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDate: '2026-06-15', ...over,
  },
});
const approved = (over: Record<string, unknown> = {}): Event => ({
  type: 'EotasPackageApproved',
  data: { approvedOn: '2026-03-06', panelOn: '2026-03-05', signedOffBy: 'manager-7', weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDue: '2026-06-15', ...over },
} as Event);
const declined: Event = { type: 'EotasPackageDeclined', data: { declinedOn: '2026-03-06', panelOn: '2026-03-05', reasonsDocumentId: 'doc-1' } };
const reviewed = (over: Record<string, unknown> = {}): Event => ({
  type: 'EotasPackageReviewed',
  data: { reviewedOn: '2026-06-15', previousWeeklyCostPence: 42_550, weeklyCostPence: 45_000, costFrom: '2026-06-22', nextReviewDate: '2026-09-14', notesDocumentId: null, ...over },
} as Event);
const ended: Event = { type: 'EotasPackageEnded', data: { endedOn: '2026-10-16', lastDay: '2026-10-23', reason: 'returned-to-school', notesDocumentId: null } };
const checked = (check: (typeof ALL_CHECKS)[number], recordedOn = '2026-03-03'): Event => ({ type: 'CommissioningCheckRecorded', data: { check, recordedOn } });

const proposal = [proposed()];
const unregulated = [proposed({ provider: tuition, checksDone: ['dbs-checks', 'insurance'] })];
const running = [...proposal, approved()];
const wasDeclined = [...proposal, declined];
const wasEnded = [...running, ended];

describe('the stream', () => {
  it('is eotasPackage-<uuid>, its category without a hyphen (STYLE §5)', () => {
    expect(eotasPackageStream(PACKAGE)).toBe(`eotasPackage-${PACKAGE}`);
    expect(eotasPackageStream(PACKAGE).split('-')[0]).toBe('eotasPackage');
    expect(packageIdOf(eotasPackageStream(PACKAGE))).toBe(PACKAGE);
  });
});

describe('proposing a package', () => {
  const propose = (over: Record<string, unknown> = {}, today: CalendarDate = TODAY) => cmd('ProposeEotasPackage', {
    packageId: PACKAGE, planId: PLAN, childId: CHILD, proposedOn: '2026-03-02', proposedBy: 'officer-1', provider: college, checksDone: [],
    weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDate: '2026-06-15', ...over,
  } as never, today);

  it('records the proposal with its weekly cost in pence', () => given([]).when(propose()).then(proposal));
  it('records the checks already done once each, in the one order of the checks', () =>
    given([]).when(propose({ provider: tuition, checksDone: ['insurance', 'dbs-checks', 'insurance'] }))
      .then([proposed({ provider: tuition, checksDone: ['dbs-checks', 'insurance'] })]));
  it('a start already past when it is proposed is recorded (the package may be running already)', () =>
    given([]).when(propose({ startOn: '2026-02-23' })).then([proposed({ startOn: '2026-02-23' })]));
  it('a start and a review in the future are expected (today Mon 03-02)', () => given([]).when(propose({}, '2026-03-02')).then(proposal));
  it('once: a second proposal on the stream is refused', () => given(proposal).when(propose()).thenFails('PackageAlreadyProposed'));
  it('a proposal dated after today is refused', () => given([]).when(propose({}, '2026-03-01')).thenFails('DateInFuture'));
  it('a weekly cost of nothing is refused', () => given([]).when(propose({ weeklyCostPence: 0 })).thenFails('CostNotPositive'));
  it('a weekly cost in fractions of a penny is refused (£425.50 is 42,550p, not 425.5)', () =>
    given([]).when(propose({ weeklyCostPence: 425.5 })).thenFails('CostNotPositive'));
  it('a review on the day it starts is refused: it must be after the start', () =>
    given([]).when(propose({ reviewDate: '2026-03-16' })).thenFails('ReviewDateNotAfter'));
  it('a review before the proposal is refused, even after a start already past', () =>
    given([]).when(propose({ startOn: '2026-02-16', reviewDate: '2026-03-02' })).thenFails('ReviewDateNotAfter'));
});

describe('commissioning checks on an unregulated provider', () => {
  const record = (check: (typeof ALL_CHECKS)[number], on = '2026-03-04', today: CalendarDate = TODAY) => cmd('RecordCommissioningCheck', { on, check }, today);

  it('records a check done', () => given(unregulated).when(record('references')).then([checked('references', '2026-03-04')]));
  it('a check already recorded (here, with the proposal) is refused', () => given(unregulated).when(record('dbs-checks')).thenFails('CheckAlreadyRecorded'));
  it('a check after sign-off is refused: checks come before approval', () => given(running).when(record('references')).thenFails('AlreadyApproved'));
  it('not on a declined package', () => given(wasDeclined).when(record('references')).thenFails('PackageDeclined'));
  it('not on an ended package', () => given(wasEnded).when(record('references')).thenFails('PackageEnded'));
  it('not on a package never proposed', () => given([]).when(record('references')).thenFails('NoSuchPackage'));
  it('a check dated after today is refused', () => given(unregulated).when(record('references', '2026-03-04', '2026-03-03')).thenFails('DateInFuture'));
  it('a check dated before the proposal is refused', () => given(unregulated).when(record('references', '2026-03-01')).thenFails('DateBeforeProposal'));
});

describe('the panel\'s decision and management sign-off', () => {
  const approve = (over: Record<string, unknown> = {}, today: CalendarDate = TODAY) =>
    cmd('ApproveEotasPackage', { on: '2026-03-06', panelOn: '2026-03-05', signedOffBy: 'manager-7', ...over } as never, today);
  const decline = (over: Record<string, unknown> = {}, today: CalendarDate = TODAY) =>
    cmd('DeclineEotasPackage', { on: '2026-03-06', panelOn: '2026-03-05', reasonsDocumentId: 'doc-1', ...over } as never, today);
  const allChecked = [proposed({ provider: tuition }), ...ALL_CHECKS.map((c) => checked(c))];

  it('approved: the weekly cost, start and review date proposed stand', () => given(proposal).when(approve()).then([approved()]));
  it('an unregulated provider with every check done is approved', () =>
    given(allChecked).when(approve()).then([approved()]));
  it('a panel on the day of the sign-off is fine', () =>
    given(proposal).when(approve({ panelOn: '2026-03-06' })).then([approved({ panelOn: '2026-03-06' })]));
  it('a sign-off after the proposed review date is recorded; the review is then overdue', () =>
    given(proposal).when(approve({ on: '2026-07-01' })).then([approved({ approvedOn: '2026-07-01' })]));
  it('the proposer cannot sign off their own package', () => given(proposal).when(approve({ signedOffBy: 'officer-1' })).thenFails('SignOffByProposer'));
  it('an unregulated provider with checks outstanding is refused (here 4 of the 6)', () => given(unregulated).when(approve()).thenFails('ChecksOutstanding'));
  it('an unregulated provider missing one check is refused', () =>
    given(allChecked.filter((e) => !(e.type === 'CommissioningCheckRecorded' && e.data.check === 'references'))).when(approve()).thenFails('ChecksOutstanding'));
  it('approved once', () => given(running).when(approve()).thenFails('AlreadyApproved'));
  it('not once it has ended', () => given(wasEnded).when(approve()).thenFails('PackageEnded'));
  it('not once the panel declined it', () => given(wasDeclined).when(approve()).thenFails('PackageDeclined'));
  it('not on a package never proposed', () => given([]).when(approve()).thenFails('NoSuchPackage'));
  it('a sign-off dated after today is refused', () => given(proposal).when(approve({}, '2026-03-05')).thenFails('DateInFuture'));
  it('a sign-off before the proposal is refused', () => given(proposal).when(approve({ on: '2026-03-01', panelOn: '2026-03-01' })).thenFails('DateBeforeProposal'));
  it('a panel after the sign-off is refused', () => given(proposal).when(approve({ panelOn: '2026-03-12' })).thenFails('PanelAfterDecision'));
  it('a panel before the proposal is refused', () => given(proposal).when(approve({ panelOn: '2026-02-26' })).thenFails('PanelBeforeProposal'));

  it('declined: the panel\'s reasons kept outside the event', () => given(proposal).when(decline()).then([declined]));
  it('declined with checks outstanding (the panel may say no at any point)', () =>
    given(unregulated).when(decline()).then([declined]));
  it('a decline after sign-off is refused', () => given(running).when(decline()).thenFails('AlreadyApproved'));
  it('declined once', () => given(wasDeclined).when(decline()).thenFails('PackageDeclined'));
  it('not on a package never proposed', () => given([]).when(decline()).thenFails('NoSuchPackage'));
  it('a decline dated after today is refused', () => given(proposal).when(decline({}, '2026-03-05')).thenFails('DateInFuture'));
  it('a decline before the proposal is refused', () => given(proposal).when(decline({ on: '2026-03-01', panelOn: '2026-03-01' })).thenFails('DateBeforeProposal'));
  it('a panel after the decline is recorded is refused', () => given(proposal).when(decline({ panelOn: '2026-03-12' })).thenFails('PanelAfterDecision'));
  it('a panel before the proposal is refused', () => given(proposal).when(decline({ panelOn: '2026-02-26' })).thenFails('PanelBeforeProposal'));
});

describe('reviewing a package', () => {
  const review = (over: Record<string, unknown> = {}, today: CalendarDate = TODAY) => cmd('ReviewEotasPackage', {
    on: '2026-06-15', weeklyCostPence: 45_000, costFrom: '2026-06-22', nextReviewDate: '2026-09-14', notesDocumentId: null, ...over,
  } as never, today);

  it('a new weekly cost from a later day: 42,550p → 45,000p from Mon 06-22, next review 09-14 (in the future on 06-15)', () =>
    given(running).when(review({}, '2026-06-15')).then([reviewed()]));
  it('the cost unchanged: previous and new are the same', () =>
    given(running).when(review({ weeklyCostPence: 42_550, costFrom: '2026-06-15' })).then([reviewed({ weeklyCostPence: 42_550, costFrom: '2026-06-15' })]));
  it('a cost backdated to the start is recorded', () =>
    given(running).when(review({ costFrom: '2026-03-16' })).then([reviewed({ costFrom: '2026-03-16' })]));
  it('the previous cost is the one that applied on costFrom: before a change scheduled for 06-22, still 42,550p', () =>
    given([...running, reviewed()]).when(review({ on: '2026-06-19', weeklyCostPence: 44_000, costFrom: '2026-06-20', nextReviewDate: '2026-09-14' }))
      .then([reviewed({ reviewedOn: '2026-06-19', previousWeeklyCostPence: 42_550, weeklyCostPence: 44_000, costFrom: '2026-06-20' })]));
  it('after the scheduled change, 45,000p', () =>
    given([...running, reviewed()]).when(review({ on: '2026-09-14', weeklyCostPence: 47_500, costFrom: '2026-09-14', nextReviewDate: '2026-12-14' }))
      .then([reviewed({ reviewedOn: '2026-09-14', previousWeeklyCostPence: 45_000, weeklyCostPence: 47_500, costFrom: '2026-09-14', nextReviewDate: '2026-12-14' })]));
  it('only an approved package is reviewed', () => given(proposal).when(review()).thenFails('NotApproved'));
  it('not once it has ended', () => given(wasEnded).when(review({ on: '2026-10-20' })).thenFails('PackageEnded'));
  it('not once the panel declined it', () => given(wasDeclined).when(review()).thenFails('PackageDeclined'));
  it('not on a package never proposed', () => given([]).when(review()).thenFails('NoSuchPackage'));
  it('a review dated after today is refused', () => given(running).when(review({}, '2026-06-14')).thenFails('DateInFuture'));
  it('a review before the sign-off is refused', () => given(running).when(review({ on: '2026-03-05' })).thenFails('DateBeforeApproval'));
  it('a weekly cost of nothing is refused', () => given(running).when(review({ weeklyCostPence: 0 })).thenFails('CostNotPositive'));
  it('a next review on the day of this one is refused', () => given(running).when(review({ nextReviewDate: '2026-06-15' })).thenFails('NextReviewDateNotAfter'));
  it('a cost from before the start is refused', () => given(running).when(review({ costFrom: '2026-03-15' })).thenFails('CostChangeBeforeStart'));
});

describe('ending a package', () => {
  const end = (over: Record<string, unknown> = {}, today: CalendarDate = TODAY) =>
    cmd('EndEotasPackage', { on: '2026-10-16', lastDay: '2026-10-23', reason: 'returned-to-school', notesDocumentId: null, ...over } as never, today);

  it('ended: decided Fri 10-16, provision (and cost) to the end of half term, Fri 10-23 (after today, 10-16)', () =>
    given([...running, reviewed()]).when(end({}, '2026-10-16')).then([ended]));
  it('a last day on the start day is the shortest package', () =>
    given(running).when(end({ lastDay: '2026-03-16' })).then([{ ...ended, data: { ...ended.data, lastDay: '2026-03-16' } } as Event]));
  it('only an approved package ends', () => given(proposal).when(end()).thenFails('NotApproved'));
  it('ends once', () => given(wasEnded).when(end()).thenFails('PackageEnded'));
  it('not once the panel declined it', () => given(wasDeclined).when(end()).thenFails('PackageDeclined'));
  it('not on a package never proposed', () => given([]).when(end()).thenFails('NoSuchPackage'));
  it('an end dated after today is refused', () => given(running).when(end({}, '2026-10-15')).thenFails('DateInFuture'));
  it('an end before the sign-off is refused', () => given(running).when(end({ on: '2026-03-05' })).thenFails('DateBeforeApproval'));
  it('a last day before the start is refused', () => given(running).when(end({ lastDay: '2026-03-13' })).thenFails('LastDayBeforeStart'));
});
