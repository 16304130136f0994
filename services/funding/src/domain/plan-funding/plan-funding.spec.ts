import { deciderSpec } from '@ehc/testing';
import type { CalendarDate } from '@ehc/domain-kernel';
import { planFundingDecider, type Command, type Event } from './plan-funding';

// A plan issued Tue 2026-05-05 naming Lincoln Castle Academy (mainstream, URN 120345); band C at
// £12,000 a year from the 2026-27 matrix (valid from 2026-04-01); band D £15,500.
const given = deciderSpec(planFundingDecider);
const TODAY = '2026-11-30';
const PLAN = '0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d';
const SCHOOL = { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream' as const };
const SPECIAL = '120999';
const C = { annualPence: 1_200_000, validFrom: '2026-04-01' };
const D = { annualPence: 1_550_000, validFrom: '2026-04-01' };

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today: CalendarDate = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

const awaiting = (over: Partial<Extract<Event, { type: 'PlanAwaitingFunding' }>['data']> = {}): Event => ({
  type: 'PlanAwaitingFunding', data: { planId: PLAN, childId: 'c-1', reference: 'NA-2026-00001', source: 'final-plan', issuedOn: '2026-05-05', namedSetting: SCHOOL, ...over },
});
const placed = (settingUrn = SCHOOL.urn, from = '2026-09-01', settingType: 'mainstream' | 'special' = 'mainstream'): Event =>
  ({ type: 'PlacementStarted', data: { settingUrn, settingName: settingUrn === SCHOOL.urn ? SCHOOL.name : null, settingType, from } });
const agreed = (from = '2026-09-01', recordedOn = '2026-09-14', settingUrn = SCHOOL.urn, settingType: 'mainstream' | 'special' = 'mainstream'): Event => ({
  type: 'TopUpAgreed', data: { topUpId: 'top-up-1', band: 'C', settingUrn, settingType, from, annualPence: C.annualPence, ratesValidFrom: C.validFrom, recordedOn },
});
const funded: Event[] = [awaiting(), placed(), agreed()];

describe('the awaiting-funding tray', () => {
  it('a final plan naming a setting puts the plan in the tray', () => {
    given([]).when(cmd('PutInAwaitingFundingTray', { planId: PLAN, childId: 'c-1', reference: 'NA-2026-00001', source: 'final-plan', issuedOn: '2026-05-05', namedSetting: SCHOOL }))
      .then([awaiting()]);
  });
  it('the same plan delivered again changes nothing', () => {
    given([awaiting()]).when(cmd('PutInAwaitingFundingTray', { planId: PLAN, childId: 'c-1', reference: 'NA-2026-00001', source: 'final-plan', issuedOn: '2026-05-05', namedSetting: SCHOOL }))
      .thenNothingHappened();
  });
  it('an amended plan naming the setting the top-up already pays waits for nothing', () => {
    given(funded).when(cmd('PutInAwaitingFundingTray', { planId: PLAN, childId: 'c-1', reference: null, source: 'amended-plan', issuedOn: '2026-11-02', namedSetting: SCHOOL }))
      .thenNothingHappened();
  });
  it('an amended plan naming another setting puts the plan back in the tray', () => {
    const special = { urn: SPECIAL, name: 'The Priory School', type: 'special' as const };
    given(funded).when(cmd('PutInAwaitingFundingTray', { planId: PLAN, childId: 'c-1', reference: null, source: 'amended-plan', issuedOn: '2026-11-02', namedSetting: special }))
      .then([awaiting({ reference: null, source: 'amended-plan', issuedOn: '2026-11-02', namedSetting: special })]);
  });
  it('a ceased plan is not put in the tray', () => {
    given([...funded, { type: 'PlanCeasedForFunding', data: { ceasedOn: '2026-11-01', reason: 'max-age' } }])
      .when(cmd('PutInAwaitingFundingTray', { planId: PLAN, childId: 'c-1', reference: null, source: 'amended-plan', issuedOn: '2026-11-02', namedSetting: SCHOOL }))
      .thenNothingHappened();
  });
  it('a plan needing no top-up leaves the tray', () => {
    given([awaiting()]).when(cmd('RecordTopUpNotRequired', { on: '2026-05-20', reasonsDocumentId: 'doc-1' }))
      .then([{ type: 'TopUpNotRequired', data: { recordedOn: '2026-05-20', settingUrn: SCHOOL.urn, reasonsDocumentId: 'doc-1' } }]);
  });
  it('refuses "no top-up needed" for a plan not in the tray', () => {
    given(funded).when(cmd('RecordTopUpNotRequired', { on: '2026-10-01', reasonsDocumentId: null })).thenFails('NotAwaitingFunding');
  });
});

describe('agreeing the top-up (element 3)', () => {
  const agree = (over: Partial<Cmd<'AgreeTopUp'>['data']> = {}) => cmd('AgreeTopUp', {
    on: '2026-09-14', topUpId: 'top-up-1', band: 'C', settingUrn: SCHOOL.urn, settingName: SCHOOL.name, settingType: 'mainstream', from: '2026-09-01', rates: { rate: C, later: [] }, ...over,
  }, '2026-09-14');

  it('starts the placement and agrees the band at the matrix rate, recorded on the day it was agreed', () => {
    given([awaiting()]).when(agree()).then([placed(), agreed()]);
  });
  it('does not start a placement that is already open', () => {
    given([awaiting(), placed()]).when(agree()).then([agreed()]);
  });
  it('refuses a band the matrix does not have for the setting type on that date', () => {
    given([awaiting()]).when(agree({ rates: { rate: null, later: [] } })).thenFails('UnknownBand');
  });
  it('refuses a second top-up while one is running', () => {
    given(funded).when(agree({ topUpId: 'top-up-2' })).thenFails('TopUpAlreadyAgreed');
  });
  it('refuses a top-up overlapping an ended one', () => {
    given([...funded, { type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2026-10-31', reason: 'other', recordedOn: '2026-11-02' } }])
      .when(agree({ topUpId: 'top-up-2', from: '2026-10-31' })).thenFails('OverlapsEarlierTopUp');
  });
  it('refuses a top-up on a ceased plan', () => {
    given([{ type: 'PlanCeasedForFunding', data: { ceasedOn: '2026-08-01', reason: 'max-age' } }]).when(agree()).thenFails('PlanCeased');
  });
  it('refuses an agreement dated after today', () => {
    given([awaiting()]).when(cmd('AgreeTopUp', {
      on: '2026-12-01', topUpId: 'top-up-1', band: 'C', settingUrn: SCHOOL.urn, settingName: null, settingType: 'mainstream', from: '2026-09-01', rates: { rate: C, later: [] },
    })).thenFails('DateInFuture');
  });
});

describe('the banding matrix\'s later versions (a new year\'s rates)', () => {
  const uplift = { annualPence: 1_236_000, validFrom: '2027-04-01' };
  const rateChanged = (topUpId: string, from: string, annualPence: number, recordedOn = TODAY): Event =>
    ({ type: 'TopUpRateChanged', data: { topUpId, from, annualPence, ratesValidFrom: from < '2027-04-01' ? '2026-04-01' : from, recordedOn } });
  it('a top-up agreed when the next year\'s rates are already in the matrix takes them from their date', () => {
    given([awaiting()]).when(cmd('AgreeTopUp', {
      on: '2026-11-30', topUpId: 'top-up-1', band: 'C', settingUrn: SCHOOL.urn, settingName: SCHOOL.name, settingType: 'mainstream', from: '2026-09-01', rates: { rate: C, later: [uplift] },
    })).then([placed(), agreed('2026-09-01', TODAY), rateChanged('top-up-1', '2027-04-01', 1_236_000)]);
  });
  it('a version imported later re-rates the top-up from its date, recorded today', () => {
    given(funded).when(cmd('ApplyMatrixRate', { on: TODAY, band: 'C', settingType: 'mainstream', rate: uplift })).then([rateChanged('top-up-1', '2027-04-01', 1_236_000)]);
  });
  it('a version older than the one applied, or for another band or setting type, changes nothing', () => {
    const rated = [...funded, rateChanged('top-up-1', '2027-04-01', 1_236_000)];
    given(rated).when(cmd('ApplyMatrixRate', { on: TODAY, band: 'C', settingType: 'mainstream', rate: uplift })).thenNothingHappened();
    given(funded).when(cmd('ApplyMatrixRate', { on: TODAY, band: 'D', settingType: 'mainstream', rate: uplift })).thenNothingHappened();
    given(funded).when(cmd('ApplyMatrixRate', { on: TODAY, band: 'C', settingType: 'special', rate: uplift })).thenNothingHappened();
  });
  it('a top-up ended before the version begins is not re-rated', () => {
    given([...funded, { type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2027-03-31', reason: 'other', recordedOn: TODAY } }])
      .when(cmd('ApplyMatrixRate', { on: TODAY, band: 'C', settingType: 'mainstream', rate: uplift })).thenNothingHappened();
  });
});

describe('changing the band', () => {
  it('closes the running segment the day before and opens the new band, recorded today', () => {
    given(funded).when(cmd('ChangeBand', { on: '2026-11-02', topUpId: 'top-up-2', band: 'D', from: '2026-11-01', rates: { rate: D, later: [] } }, '2026-11-03')).then([{
      type: 'BandChanged',
      data: { topUpId: 'top-up-2', previousTopUpId: 'top-up-1', band: 'D', from: '2026-11-01', annualPence: 1_550_000, ratesValidFrom: '2026-04-01', requestId: null, recordedOn: '2026-11-03' },
    }]);
  });
  it('refuses a change from before the running band began', () => {
    given(funded).when(cmd('ChangeBand', { on: '2026-11-02', topUpId: 'top-up-2', band: 'D', from: '2026-08-31', rates: { rate: D, later: [] } })).thenFails('ChangeBeforeTopUpStarted');
  });
  it('refuses the same band at the same rate', () => {
    given(funded).when(cmd('ChangeBand', { on: '2026-11-02', topUpId: 'top-up-2', band: 'C', from: '2026-11-01', rates: { rate: C, later: [] } })).thenFails('BandUnchanged');
  });
  it('takes the same band at a new year\'s rate (an uplift)', () => {
    const uplift = { annualPence: 1_236_000, validFrom: '2027-04-01' };
    given(funded).when(cmd('ChangeBand', { on: '2026-11-02', topUpId: 'top-up-2', band: 'C', from: '2027-04-01', rates: { rate: uplift, later: [] } })).then([{
      type: 'BandChanged',
      data: { topUpId: 'top-up-2', previousTopUpId: 'top-up-1', band: 'C', from: '2027-04-01', annualPence: 1_236_000, ratesValidFrom: '2027-04-01', requestId: null, recordedOn: TODAY },
    }]);
  });
  it('refuses a band the matrix lacks, and a change with no top-up', () => {
    given(funded).when(cmd('ChangeBand', { on: '2026-11-02', topUpId: 'top-up-2', band: 'Z', from: '2026-11-01', rates: { rate: null, later: [] } })).thenFails('UnknownBand');
    given([awaiting()]).when(cmd('ChangeBand', { on: '2026-11-02', topUpId: 'top-up-2', band: 'D', from: '2026-11-01', rates: { rate: D, later: [] } })).thenFails('NoTopUp');
  });
});

describe('a funding increase requested by the setting', () => {
  const requested: Event = { type: 'FundingIncreaseRequested', data: { requestId: 'request-1', requestedOn: '2026-10-05', requestedBand: 'D', reasonsDocumentId: 'doc-2' } };
  it('is recorded against the running top-up', () => {
    given(funded).when(cmd('RequestFundingIncrease', { on: '2026-10-05', requestId: 'request-1', requestedBand: 'D', reasonsDocumentId: 'doc-2' })).then([requested]);
  });
  it('refuses a second open request, and one with no top-up', () => {
    given([...funded, requested]).when(cmd('RequestFundingIncrease', { on: '2026-10-06', requestId: 'request-2', requestedBand: null, reasonsDocumentId: null })).thenFails('IncreaseAlreadyRequested');
    given([awaiting()]).when(cmd('RequestFundingIncrease', { on: '2026-10-06', requestId: 'request-2', requestedBand: null, reasonsDocumentId: null })).thenFails('NoTopUp');
  });
  it('agreed: the decision and the band change, tied to the request', () => {
    given([...funded, requested]).when(cmd('DecideFundingIncrease', {
      on: '2026-10-19', outcome: 'agreed', reasonsDocumentId: null, change: { topUpId: 'top-up-2', band: 'D', from: '2026-10-05', rates: { rate: D, later: [] } },
    })).then([
      { type: 'FundingIncreaseDecided', data: { requestId: 'request-1', decidedOn: '2026-10-19', outcome: 'agreed', reasonsDocumentId: null } },
      { type: 'BandChanged', data: { topUpId: 'top-up-2', previousTopUpId: 'top-up-1', band: 'D', from: '2026-10-05', annualPence: 1_550_000, ratesValidFrom: '2026-04-01', requestId: 'request-1', recordedOn: TODAY } },
    ]);
  });
  it('refused: the decision alone', () => {
    given([...funded, requested]).when(cmd('DecideFundingIncrease', { on: '2026-10-19', outcome: 'refused', reasonsDocumentId: 'doc-3', change: null }))
      .then([{ type: 'FundingIncreaseDecided', data: { requestId: 'request-1', decidedOn: '2026-10-19', outcome: 'refused', reasonsDocumentId: 'doc-3' } }]);
  });
  it('refuses a decision with no open request, or dated before it', () => {
    given(funded).when(cmd('DecideFundingIncrease', { on: '2026-10-19', outcome: 'refused', reasonsDocumentId: null, change: null })).thenFails('NoIncreaseRequested');
    given([...funded, requested]).when(cmd('DecideFundingIncrease', { on: '2026-10-04', outcome: 'refused', reasonsDocumentId: null, change: null })).thenFails('DateBeforeRequest');
  });
});

describe('ending the top-up and placements', () => {
  it('ends the top-up; a move ends the placement on the same day', () => {
    given(funded).when(cmd('EndTopUp', { on: '2026-11-20', lastDay: '2026-11-20', reason: 'moved-away' })).then([
      { type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2026-11-20', reason: 'moved-away', recordedOn: TODAY } },
      { type: 'PlacementEnded', data: { settingUrn: SCHOOL.urn, lastDay: '2026-11-20' } },
    ]);
  });
  it('ends the top-up alone for another reason; refuses an end before it began, and with none running', () => {
    given(funded).when(cmd('EndTopUp', { on: '2026-11-20', lastDay: '2026-11-20', reason: 'other' }))
      .then([{ type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2026-11-20', reason: 'other', recordedOn: TODAY } }]);
    given(funded).when(cmd('EndTopUp', { on: '2026-11-20', lastDay: '2026-08-30', reason: 'other' })).thenFails('EndBeforeTopUpStarted');
    given([awaiting()]).when(cmd('EndTopUp', { on: '2026-11-20', lastDay: '2026-11-20', reason: 'other' })).thenFails('NoTopUp');
  });
  it('a top-up ended the day before it began commits nothing but is allowed (agreed in error)', () => {
    given(funded).when(cmd('EndTopUp', { on: '2026-11-20', lastDay: '2026-08-31', reason: 'other' }))
      .then([{ type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2026-08-31', reason: 'other', recordedOn: TODAY } }]);
  });
  it('ending the placement the top-up pays for ends the top-up', () => {
    given(funded).when(cmd('EndPlacement', { on: '2026-11-20', settingUrn: SCHOOL.urn, lastDay: '2026-11-13' })).then([
      { type: 'PlacementEnded', data: { settingUrn: SCHOOL.urn, lastDay: '2026-11-13' } },
      { type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2026-11-13', reason: 'placement-ended', recordedOn: TODAY } },
    ]);
  });
  it('starts a placement; refuses one already open, an unknown one, and an end before its start', () => {
    given([awaiting()]).when(cmd('StartPlacement', { on: '2026-09-01', settingUrn: SCHOOL.urn, settingName: SCHOOL.name, settingType: 'mainstream', from: '2026-09-01' })).then([placed()]);
    given(funded).when(cmd('StartPlacement', { on: '2026-09-01', settingUrn: SCHOOL.urn, settingName: null, settingType: 'mainstream', from: '2026-09-01' })).thenFails('PlacementAlreadyOpen');
    given(funded).when(cmd('EndPlacement', { on: '2026-11-20', settingUrn: '999999', lastDay: '2026-11-13' })).thenFails('NoSuchPlacement');
    given(funded).when(cmd('EndPlacement', { on: '2026-11-20', settingUrn: SCHOOL.urn, lastDay: '2026-08-01' })).thenFails('EndBeforePlacementStarted');
  });
});

describe('dual registration (local transition protocol)', () => {
  const atSpecial: Event[] = [awaiting({ namedSetting: { urn: SPECIAL, name: 'The Priory School', type: 'special' } }), placed(SPECIAL, '2026-04-01', 'special'), agreed('2026-04-01', '2026-04-10', SPECIAL, 'special')];
  const recorded: Event = { type: 'DualRegistrationRecorded', data: { dualRegistrationId: 'dual-registration-1', mainstreamUrn: SCHOOL.urn, mainstreamName: SCHOOL.name, startOn: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 } } };
  it('is recorded once, however often it is delivered', () => {
    given(atSpecial).when(cmd('RecordDualRegistration', { on: '2026-09-01', dualRegistrationId: 'dual-registration-1', mainstreamUrn: SCHOOL.urn, mainstreamName: SCHOOL.name, startOn: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 } }))
      .then([recorded]);
    given([...atSpecial, recorded]).when(cmd('RecordDualRegistration', { on: '2026-09-01', dualRegistrationId: 'dual-registration-1', mainstreamUrn: SCHOOL.urn, mainstreamName: SCHOOL.name, startOn: '2026-09-14', split: null }))
      .thenNothingHappened();
  });
  it('the provision form releases the mainstream share from the first day there (the form came earlier)', () => {
    given([...atSpecial, recorded]).when(cmd('ReleaseDualRegistrationFunding', { on: '2026-09-02', dualRegistrationId: 'dual-registration-1' }, '2026-09-03')).then([{
      type: 'DualRegistrationFundingReleased',
      data: { dualRegistrationId: 'dual-registration-1', mainstreamUrn: SCHOOL.urn, from: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 }, splitAssumed: false, recordedOn: '2026-09-03' },
    }]);
  });
  it('with no agreed split the top-up is shared equally, and says so', () => {
    const noSplit: Event = { ...recorded, data: { ...(recorded.data as object), split: null } } as Event;
    given([...atSpecial, noSplit]).when(cmd('ReleaseDualRegistrationFunding', { on: '2026-09-20', dualRegistrationId: 'dual-registration-1' }, '2026-09-21')).then([{
      type: 'DualRegistrationFundingReleased',
      data: { dualRegistrationId: 'dual-registration-1', mainstreamUrn: SCHOOL.urn, from: '2026-09-20', split: { specialSessions: 1, mainstreamSessions: 1 }, splitAssumed: true, recordedOn: '2026-09-21' },
    }]);
  });
  it('refuses a release twice, or for no dual registration', () => {
    const released: Event = { type: 'DualRegistrationFundingReleased', data: { dualRegistrationId: 'dual-registration-1', mainstreamUrn: SCHOOL.urn, from: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 }, splitAssumed: false, recordedOn: '2026-09-03' } };
    given([...atSpecial, recorded, released]).when(cmd('ReleaseDualRegistrationFunding', { on: '2026-09-04', dualRegistrationId: 'dual-registration-1' })).thenFails('FundingAlreadyReleased');
    given(atSpecial).when(cmd('ReleaseDualRegistrationFunding', { on: '2026-09-04', dualRegistrationId: 'dual-registration-1' })).thenFails('NoDualRegistration');
  });
  it('the end stops the mainstream share and records the outcome; not twice', () => {
    const ended: Event = { type: 'DualRegistrationFundingEnded', data: { dualRegistrationId: 'dual-registration-1', lastDay: '2027-05-20', outcome: 'success', recordedOn: '2027-05-21' } };
    given([...atSpecial, recorded]).when(cmd('EndDualRegistrationFunding', { on: '2027-05-20', dualRegistrationId: 'dual-registration-1', outcome: 'success' }, '2027-05-21')).then([ended]);
    given([...atSpecial, recorded, ended]).when(cmd('EndDualRegistrationFunding', { on: '2027-05-20', dualRegistrationId: 'dual-registration-1', outcome: 'success' })).thenFails('DualRegistrationAlreadyEnded');
    given(atSpecial).when(cmd('EndDualRegistrationFunding', { on: '2027-05-20', dualRegistrationId: 'dual-registration-1', outcome: 'failure' })).thenFails('NoDualRegistration');
  });
});

describe('personal budgets and direct payments', () => {
  const pb: Event = { type: 'PersonalBudgetAgreed', data: { agreedOn: '2026-09-14', from: '2026-10-01', to: null, annualPence: 350_000 } };
  const dp: Event = { type: 'DirectPaymentStarted', data: { from: '2026-10-01', annualPence: 350_000, recordedOn: '2026-09-15' } };
  it('agrees a personal budget; refuses one ending before it starts, and on a ceased plan', () => {
    given(funded).when(cmd('AgreePersonalBudget', { on: '2026-09-14', from: '2026-10-01', to: null, annualPence: 350_000 })).then([pb]);
    given(funded).when(cmd('AgreePersonalBudget', { on: '2026-09-14', from: '2026-10-01', to: '2026-09-30', annualPence: 350_000 })).thenFails('PeriodEndsBeforeItStarts');
    given([{ type: 'PlanCeasedForFunding', data: { ceasedOn: '2026-08-01', reason: 'max-age' } }])
      .when(cmd('AgreePersonalBudget', { on: '2026-09-14', from: '2026-10-01', to: null, annualPence: 1 })).thenFails('PlanCeased');
  });
  it('refuses a personal budget (with reasons), but not while a direct payment runs', () => {
    given(funded).when(cmd('RefusePersonalBudget', { on: '2026-09-14', reasonsDocumentId: 'doc-4' }))
      .then([{ type: 'PersonalBudgetRefused', data: { refusedOn: '2026-09-14', reasonsDocumentId: 'doc-4' } }]);
    given([...funded, pb, dp]).when(cmd('RefusePersonalBudget', { on: '2026-09-20', reasonsDocumentId: null })).thenFails('DirectPaymentRunning');
  });
  it('starts a direct payment on an agreed budget, once; stops it', () => {
    given([...funded, pb]).when(cmd('StartDirectPayment', { on: '2026-09-14', from: '2026-10-01', annualPence: 350_000 }, '2026-09-15')).then([dp]);
    given(funded).when(cmd('StartDirectPayment', { on: '2026-09-14', from: '2026-10-01', annualPence: 350_000 })).thenFails('NoPersonalBudget');
    given([...funded, pb, dp]).when(cmd('StartDirectPayment', { on: '2026-09-14', from: '2026-10-01', annualPence: 350_000 })).thenFails('DirectPaymentAlreadyRunning');
    given([...funded, pb, dp]).when(cmd('StopDirectPayment', { on: '2027-03-01', lastDay: '2027-03-31' }, '2027-03-01'))
      .then([{ type: 'DirectPaymentStopped', data: { lastDay: '2027-03-31', recordedOn: '2027-03-01' } }]);
    given([...funded, pb]).when(cmd('StopDirectPayment', { on: '2026-11-01', lastDay: '2027-03-31' })).thenFails('NoDirectPayment');
    given([...funded, pb, dp]).when(cmd('StopDirectPayment', { on: '2026-11-01', lastDay: '2026-09-01' })).thenFails('EndBeforeDirectPaymentStarted');
  });
});

describe('the plan ceasing', () => {
  it('ends the top-up, the placement and the direct payment the day before; once', () => {
    const pb: Event = { type: 'PersonalBudgetAgreed', data: { agreedOn: '2026-09-14', from: '2026-10-01', to: null, annualPence: 350_000 } };
    const dp: Event = { type: 'DirectPaymentStarted', data: { from: '2026-10-01', annualPence: 350_000, recordedOn: '2026-09-15' } };
    const ceased: Event = { type: 'PlanCeasedForFunding', data: { ceasedOn: '2027-01-05', reason: 'no-longer-necessary' } };
    given([...funded, pb, dp]).when(cmd('RecordPlanCeased', { on: '2027-01-05', ceasedOn: '2027-01-05', reason: 'no-longer-necessary' }, '2027-01-06')).then([
      ceased,
      { type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2027-01-04', reason: 'plan-ceased', recordedOn: '2027-01-06' } },
      { type: 'PlacementEnded', data: { settingUrn: SCHOOL.urn, lastDay: '2027-01-04' } },
      { type: 'DirectPaymentStopped', data: { lastDay: '2027-01-04', recordedOn: '2027-01-06' } },
    ]);
    given([...funded, ceased]).when(cmd('RecordPlanCeased', { on: '2027-01-05', ceasedOn: '2027-01-05', reason: 'no-longer-necessary' })).thenNothingHappened();
  });
});
