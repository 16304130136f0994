/** OpenAPI examples, from the worked examples of the domain reference (request received Mon 2026-01-05). */
const d = (due: string | null, target: string | null = due) => ({ due, done: null, target, daysLeft: 12, daysLate: null, onTime: null, excepted: false, expectedUnderException: null, basis: 'statutory' });

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
  // a date a tribunal order set says so: `basis: 'tribunal-order'` with its `orderId` (reg 44), and the order is listed under tribunalOrders
  tribunalOrders: [],
  advice: [], exceptions: [], drafts: [], parentResponses: [], consultations: [], finalPlan: null, letters: [], needsProfiles: [], notes: [], closure: null,
  timeline: '/needs-assessments/0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d/timeline',
};
