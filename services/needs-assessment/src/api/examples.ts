/** OpenAPI examples, from the worked examples of the domain reference (request received Mon 2026-01-05). */
export const requestExample = {
  child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' },
  requestedBy: 'parent',
  receivedOn: '2026-01-05',
  caseworker: 'cw-ayesha',
};

const d = (due: string | null, target: string | null = due) => ({ due, done: null, target, daysLeft: 12, daysLate: null, onTime: null, excepted: false, expectedUnderException: null });

export const caseExample = {
  id: '0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d',
  reference: 'NA-2026-00001',
  status: 'awaiting-decision',
  child: { id: '3d9a4c1e-7b2f-4e8a-9c0d-1f2e3a4b5c6d', givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' },
  requestedBy: 'parent',
  receivedOn: '2026-01-05',
  caseworker: 'cw-ayesha',
  deadlines: {
    decisionToAssess: { ...d('2026-02-16'), outcome: null },
    decisionNotToIssue: { ...d('2026-04-27'), outcome: null },
    draftPlanResponse: { ...d(null), daysLeft: null },
    finalPlan: d('2026-05-25', '2026-05-22'),
  },
  advice: [], exceptions: [], drafts: [], parentResponses: [], consultations: [], finalPlan: null, letters: [], needsProfiles: [], notes: [], closure: null,
  timeline: '/needs-assessments/0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d/timeline',
};

export const commandExamples = {
  'decide-to-assess': { value: { on: '2026-02-16' } },
  'refuse-assessment': { value: { on: '2026-02-16', reasons: 'The evidence shows needs can be met from the resources ordinarily available to the school.' } },
  'request-advice': { value: { on: '2026-02-16', adviceType: 'psychological', adviser: 'Educational Psychology Service' } },
  'record-advice': { value: { on: '2026-03-27', adviceId: 'advice-1' } },
  'record-exception': { value: { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: '2026-04-06', evidence: 'Parent in hospital' } },
  'record-exception (school closure)': { value: { on: '2026-08-03', limb: 'school-closure', closedFrom: '2026-07-23', reopensOn: '2026-09-03', evidence: 'Head teacher asked for advice during the summer closure' } },
  'decide-not-to-issue': { value: { on: '2026-04-20', reasons: '…' } },
  'issue-draft-plan': { value: { on: '2026-04-17', sections: { A: '…', B: '…', F: '…' } } },
  'record-parent-response': { value: { on: '2026-04-30', meetingRequested: true, preferredSetting: { urn: '120345', name: 'Lincoln Castle Academy' } } },
  'record-parent-response (final)': { value: { on: '2026-04-24', final: true, representations: 'We have nothing to add and do not want a meeting.' } },
  'hold-draft-plan-meeting': { value: { on: '2026-05-04' } },
  'consult-setting': { value: { on: '2026-04-17', setting: { urn: '120345', name: 'Lincoln Castle Academy' } } },
  'record-setting-response': { value: { on: '2026-05-01', settingUrn: '120345', canMeetNeeds: true } },
  'issue-final-plan': { value: { on: '2026-05-05', namedSetting: { urn: '120345', name: 'Lincoln Castle Academy' } } },
  withdraw: { value: { on: '2026-03-01' } },
  close: { value: { on: '2026-03-01', reason: 'moved-to-another-authority' } },
  reassign: { value: { on: '2026-03-01', caseworker: 'cw-ben' } },
  'add-note': { value: { on: '2026-03-01', text: 'Spoke to mum; EP visit booked.' } },
  'record-needs-profile': { value: { on: '2026-01-05', context: 'request', needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 2] } },
};
