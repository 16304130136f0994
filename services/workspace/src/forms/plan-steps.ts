import { EFFECTIVE, NEEDS_PROFILE_STEP, type Field, type Step } from './steps';

const options = (pairs: string[][]) => pairs.map(([value, text]) => ({ value, text }));

const OUTCOMES = options([
  ['maintain', 'Maintain the plan as it is (the family can appeal)'],
  ['amend', 'Amend the plan (an amendment notice follows)'],
  ['cease', 'Cease to maintain the plan (only once ceasing has been considered with the family and the setting, reg 31)'],
]);

const CEASE_REASONS = options([
  ['no-longer-necessary', 'The plan is no longer necessary: the needs are met (s.45(1)(b))'],
  ['no-longer-responsible-moved', 'The authority is no longer responsible, for example the family has left England (s.45(1)(a))'],
  ['max-age', 'The end of the academic year in which the young person turns 25 (s.46)'],
  ['higher-education', 'The young person has started higher education'],
  ['paid-employment', 'The young person has started paid employment (not an apprenticeship)'],
  ['disengaged-18-plus', 'Aged 18 or over and no longer wishes to take part in education or training (reg 29)'],
]);

const TRANSFERS = options([
  ['early-years-to-school', 'Early years setting to school'],
  ['infant-to-junior', 'Infant school to junior school'],
  ['primary-to-middle', 'Primary school to middle school'],
  ['primary-to-secondary', 'Primary school to secondary school'],
  ['middle-to-secondary', 'Middle school to secondary school'],
  ['secondary-to-post-16', 'Secondary school to post-16 institution'],
]);

const APPEAL_OUTCOMES = options([
  ['dismissed', 'Dismissed: the plan ends'], ['withdrawn', 'Withdrawn: the plan ends'],
  ['allowed', 'Allowed: the plan is maintained'], ['conceded', 'Conceded by the authority: the plan is maintained'],
]);

const CLOSURE_REASONS = options([['transferred-to-another-authority', 'Transferred to another local authority'], ['died', 'Died'], ['other', 'Other']]);

const reasons = (label = 'The reasons'): Field => ({ kind: 'textarea', name: 'reasons', label, hint: 'Kept with the plan, not in its history; the letter gives them.', optional: true });

/** The plan's steps, each the form of one command (POST /annual-reviews/{planId}/<name>), in the order a caseworker meets them. */
export const PLAN_STEPS: Step[] = [
  { name: 'schedule-meeting', title: 'Invite to the review meeting', button: 'Record the invitations',
    hint: 'Everyone invited must have at least 2 weeks\' notice of the meeting, and the advice must go out at least 2 weeks before it (reg 20). A meeting not yet held can be moved by inviting again.',
    fields: [EFFECTIVE('When the invitations were sent'),
      { kind: 'date', name: 'meetingOn', label: 'Date of the meeting', hint: 'It may be in the future. Leave blank if it is the day the invitations were sent.', optional: true }] },
  { name: 'hold-meeting', title: 'Record the review meeting held', button: 'Record the meeting',
    hint: 'The report is due within 2 weeks of the meeting, and the authority\'s decision within 4 weeks of it (reg 20). From Year 9 the review covers preparing for adulthood.',
    fields: [EFFECTIVE('When the meeting was held')] },
  { name: 'receive-report', title: 'Record the review report received', button: 'Record the report',
    hint: 'The report goes to the authority and everyone invited within 2 weeks of the meeting (reg 20). A late report is recorded as late.',
    fields: [EFFECTIVE('When the report was received'), { kind: 'textarea', name: 'report', label: 'The report', hint: 'Or a summary of it', optional: true }] },
  { name: 'decide', title: 'Decide after the review', button: 'Record the decision',
    hint: 'Within 4 weeks of the meeting (reg 20(10)). A decision to maintain or to cease can be appealed: the letter tells the family.',
    fields: [EFFECTIVE('When the decision was made'), { kind: 'radios', name: 'outcome', label: 'The decision', options: OUTCOMES }, reasons()] },
  { name: 'issue-amendment-notice', title: 'Issue the amendment notice', button: 'Issue the amendment notice',
    hint: 'The family has at least 15 days beginning with the day the notice is served to make representations, ask for a meeting or name a setting (reg 22(2)). The amended plan is due within 8 weeks of the notice (reg 22(3)).',
    fields: [EFFECTIVE('When the notice was served'), { kind: 'textarea', name: 'proposedChanges', label: 'The proposed changes', optional: true }] },
  { name: 'record-representations', title: 'Record the family\'s representations', button: 'Record the representations',
    hint: 'Representations are due within 15 days beginning with the day the notice was served. Late ones are recorded as late.',
    fields: [EFFECTIVE('When the representations were received'),
      { kind: 'yes-no', name: 'meetingRequested', label: 'Did the family ask for a meeting?', hint: 'It must be held before the plan is finalised.' },
      { kind: 'yes-no', name: 'final', label: 'Did the family say in writing it has nothing more to say and wants no meeting?', optional: true },
      { kind: 'setting', name: 'preferredSetting', label: 'Setting the family asks for', hint: 'Its URN or its name. Leave blank if none.', optional: true },
      { kind: 'textarea', name: 'representations', label: 'What the family said', optional: true }] },
  { name: 'hold-amendment-meeting', title: 'Record the meeting about the amendment', button: 'Record the meeting',
    hint: 'The meeting the family asked for, held before the plan is finalised (reg 22).',
    fields: [EFFECTIVE('When the meeting was held')] },
  { name: 'issue-amended-plan', title: 'Issue the amended plan', button: 'Issue the amended plan',
    hint: 'Within 8 weeks of the amendment notice (reg 22(3)), and not before the 16th day after it unless the family has given a final response and local policy allows. Sections B, F and I can be appealed.',
    fields: [EFFECTIVE('When the amended plan was issued'), { kind: 'setting', name: 'namedSetting', label: 'Setting named in section I', hint: 'Its URN or its name' },
      { kind: 'radios', name: 'phaseTransfer', label: 'Is this amendment for a phase transfer?', options: TRANSFERS, optional: true,
        hint: 'Reg 18(1): the plan is reviewed and amended, naming the new setting, before 15 February of the year of transfer (before 31 March from secondary school into post-16). Leave blank if not.' }] },
  { name: 'decide-not-to-amend', title: 'Decide not to amend the plan', button: 'Record the decision',
    hint: 'Within 8 weeks of the amendment notice (reg 22(4)). The family can appeal: the letter tells them.',
    fields: [EFFECTIVE('When the decision was made'), reasons()] },
  { name: 'record-post-16-transfer', title: 'Record a move between post-16 institutions', button: 'Record the move',
    hint: 'A young person moving between post-16 institutions at another time than a phase transfer: the plan is reviewed and amended, naming the new institution, at least 5 months before the move (reg 18(2)).',
    fields: [EFFECTIVE('When the move was known'), { kind: 'date', name: 'transferOn', label: 'Date of the move' },
      { kind: 'setting', name: 'newInstitution', label: 'Institution moved to', hint: 'Its URN or UKPRN, or its name. Leave blank if not known.', optional: true }] },
  { name: 'agree-dual-registration', title: 'Agree dual registration with a mainstream school', button: 'Record the agreement',
    hint: 'A special school pupil trialling a mainstream place (local protocol): transition reviews every 6 to 8 weeks, the outcome settled at the next annual review.',
    fields: [EFFECTIVE('When it was agreed'), { kind: 'setting', name: 'mainstream', label: 'Mainstream school', hint: 'Its URN or its name' },
      { kind: 'date', name: 'startOn', label: 'First day at the mainstream school', hint: 'It may be in the future.' }] },
  { name: 'submit-provision-form', title: 'Submit the provision form', button: 'Record the provision form',
    hint: 'It releases funding to the mainstream school.', fields: [EFFECTIVE('When the form was submitted'), { kind: 'textarea', name: 'form', label: 'The form', optional: true }] },
  { name: 'submit-transport-form', title: 'Submit the transport form', button: 'Record the transport form',
    fields: [EFFECTIVE('When the form was submitted'), { kind: 'textarea', name: 'form', label: 'The form', optional: true }] },
  { name: 'hold-transition-review', title: 'Record a transition review', button: 'Record the transition review',
    hint: 'Every 6 to 8 weeks while the dual registration lasts; a later one is recorded as late.', fields: [EFFECTIVE('When the transition review was held')] },
  { name: 'end-dual-registration', title: 'End the dual registration', button: 'Record the outcome',
    hint: 'At the annual review: on success the plan is rewritten; on failure an amendment notice follows.',
    fields: [EFFECTIVE('When it ended'), { kind: 'radios', name: 'outcome', label: 'The outcome', options: options([['success', 'Success'], ['failure', 'Failure']]) }] },
  { name: 'propose-cease', title: 'Consider ceasing the plan', button: 'Record it',
    hint: 'The family and the setting are told and consulted before any decision to cease (reg 31(1)).',
    fields: [EFFECTIVE('When it was proposed'), { kind: 'radios', name: 'reason', label: 'The ground', options: CEASE_REASONS }, reasons()] },
  { name: 'decide-not-to-cease', title: 'Decide to keep the plan', button: 'Record the decision', fields: [EFFECTIVE('When the decision was made')] },
  { name: 'cease', title: 'Decide to cease to maintain the plan', button: 'Record the decision to cease',
    hint: 'The family can appeal: within 2 months of the letter, or 1 month from a mediation certificate if that is later; a last day in August or from 25 December to 1 January moves to the first working day after, and any other non-working day to the next working day (TR r.20, r.12). The plan is maintained until the appeal window closes or the appeal ends.',
    fields: [EFFECTIVE('When the decision was made'), reasons()] },
  { name: 'record-cease-mediation-certificate', title: 'Record the mediation certificate', button: 'Record the certificate',
    hint: 'The appeal window moves to 1 month from the certificate if that is later than 2 months from the letter.', fields: [EFFECTIVE('When the certificate was issued')] },
  { name: 'record-cease-appeal', title: 'Record an appeal against ceasing', button: 'Record the appeal',
    hint: 'The plan is maintained until the appeal ends. A late appeal the tribunal admits is recorded as late.', fields: [EFFECTIVE('When the appeal was registered')] },
  { name: 'record-cease-appeal-outcome', title: 'Record how the appeal ended', button: 'Record the outcome',
    fields: [EFFECTIVE('When the appeal ended'), { kind: 'radios', name: 'outcome', label: 'The outcome', options: APPEAL_OUTCOMES }] },
  { name: 'cease-plan', title: 'Cease the plan', button: 'Cease the plan',
    hint: 'Only once the appeal window has closed with no appeal.', fields: [EFFECTIVE('When the plan ceased')] },
  NEEDS_PROFILE_STEP,
  { name: 'add-note', title: 'Add a note', button: 'Add the note', fields: [EFFECTIVE('Date of the note'), { kind: 'textarea', name: 'text', label: 'Note' }] },
  { name: 'reassign', title: 'Reassign the plan', hint: 'To a caseworker of your team.', button: 'Reassign',
    fields: [EFFECTIVE('From'), { kind: 'caseworker', name: 'caseworker', label: 'Caseworker' }] },
  { name: 'close', title: 'Close the plan', hint: 'Not a decision to cease: no appeal and no letter.', button: 'Close the plan',
    fields: [EFFECTIVE('When the plan left the review cycle'), { kind: 'radios', name: 'reason', label: 'Why', options: CLOSURE_REASONS }] },
];
