/** OpenAPI examples (a worked example from the domain reference: request received Mon 2026-01-05). */
export const requestExample = {
  child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' },
  requestedBy: 'parent',
  receivedOn: '2026-01-05',
  caseworker: 'cw-ayesha',
};

export const caseExample = {
  id: '0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d',
  reference: 'NA-2026-00001',
  status: 'awaiting-decision',
  child: { id: '3d9a4c1e-7b2f-4e8a-9c0d-1f2e3a4b5c6d', givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' },
  requestedBy: 'parent',
  receivedOn: '2026-01-05',
  caseworker: 'cw-ayesha',
  deadlines: {
    decisionToAssess: { due: '2026-02-16', done: null, target: '2026-02-16', daysLeft: 12, onTime: null },
    decisionNotToIssue: { due: '2026-04-27', done: null, target: '2026-04-27', daysLeft: 82, onTime: null },
    draftPlanResponse: { due: null, done: null, target: null, daysLeft: null, onTime: null },
    finalPlan: { due: '2026-05-25', done: null, target: '2026-05-22', daysLeft: 110, onTime: null },
  },
  exceptions: [],
};
