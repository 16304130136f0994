import { accessToObject, isExternalCaller, NO_RELATIONS, type CallerRelations, type ObjectFacts } from './relationships';

const CHILD = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const OTHER_CHILD = '0b7e5d2c-1f4a-4e8b-b3c9-6d5a4e3f2b1a';
const caseOf = (over: Partial<ObjectFacts> = {}): ObjectFacts => ({
  caseworker: 'cw-asha', caseworkerTeams: ['north'], children: [CHILD], settings: ['100001'], adviceRequests: [], ...over,
});
const relations = (over: Partial<CallerRelations> = {}): CallerRelations => ({ ...NO_RELATIONS, ...over });
const as = (subject: string, roles: string[], r: CallerRelations = NO_RELATIONS, facts = caseOf()) => accessToObject({ subject, roles }, r, facts);

describe('object-level access: who may read or change one case or plan', () => {
  describe('caseworkers', () => {
    it('act on their own cases', () => expect(as('cw-asha', ['caseworker'], relations({ teams: ['north'] }))).toBe('act'));
    it('act on an unallocated case, to pick it up', () => expect(as('cw-ben', ['caseworker'], relations({ teams: ['south'] }), caseOf({ caseworker: null, caseworkerTeams: [] }))).toBe('act'));
    it('read, not change, a colleague\'s case in their team', () => expect(as('cw-ben', ['caseworker'], relations({ teams: ['north'] }))).toBe('read'));
    it('do not see another team\'s case at all', () => expect(as('cw-cara', ['caseworker'], relations({ teams: ['south'] }))).toBe('none'));
    it('in no team, read every case: a service without teams works as one', () => expect(as('cw-cara', ['caseworker'])).toBe('read'));
    it('read the case of a caseworker in no team', () => expect(as('cw-cara', ['caseworker'], relations({ teams: ['south'] }), caseOf({ caseworkerTeams: [] }))).toBe('read'));
  });

  describe('team managers', () => {
    it('act on their team\'s cases (they reassign them)', () => expect(as('tm-dee', ['team-manager'], relations({ teams: ['north'] }))).toBe('act'));
    it('act on unallocated cases, to allocate them', () => expect(as('tm-dee', ['team-manager'], relations({ teams: ['south'] }), caseOf({ caseworker: null, caseworkerTeams: [] }))).toBe('act'));
    it('do not see another team\'s case', () => expect(as('tm-dee', ['team-manager'], relations({ teams: ['south'] }))).toBe('none'));
    it('of several teams, act on the cases of each', () => expect(as('tm-dee', ['team-manager'], relations({ teams: ['south', 'north'] }))).toBe('act'));
  });

  it('gives the most any of the caller\'s roles gives', () =>
    expect(as('cw-ben', ['caseworker', 'team-manager'], relations({ teams: ['north'] }))).toBe('act'));

  it('leaves the roles that are not allocated cases to the route\'s roles (tribunal officer, administrator)', () => {
    expect(as('to-eve', ['tribunal-officer'])).toBe('act');
    expect(as('admin', ['administrator'])).toBe('act');
  });

  describe('families', () => {
    it('a parent linked to the child reads the case', () => expect(as('parent-1', ['parent'], relations({ children: [CHILD] }))).toBe('read'));
    it('a parent linked to another child does not see it', () => expect(as('parent-2', ['parent'], relations({ children: [OTHER_CHILD] }))).toBe('none'));
    it('a young person linked to themselves reads their case', () => expect(as('yp-1', ['young-person'], relations({ children: [CHILD] }))).toBe('read'));
    it('a parent with no link sees nothing', () => expect(as('parent-3', ['parent'])).toBe('none'));
    it('a parent never acts on the case: the portal has its own commands', () =>
      expect(as('parent-1', ['parent'], relations({ children: [CHILD] }))).not.toBe('act'));
  });

  describe('settings and professionals', () => {
    it('a setting reads a case it was consulted on, or a plan naming it', () => expect(as('school-a', ['setting'], relations({ settings: ['100001'] }))).toBe('read'));
    it('another setting does not see it', () => expect(as('school-b', ['setting'], relations({ settings: ['100002'] }))).toBe('none'));
    it('a professional does not see a whole case, even for the child they advise on', () =>
      expect(as('ep-1', ['professional'], relations({ adviceRequests: ['a-1'], children: [CHILD] }))).toBe('none'));
    it('a professional reads the advice request they were asked for', () =>
      expect(as('ep-1', ['professional'], relations({ adviceRequests: ['a-1'] }), caseOf({ adviceRequests: ['a-1'] }))).toBe('read'));
  });

  it('a token with no role gets nothing', () => expect(as('x', [])).toBe('none'));

  it('tells outside parties from staff', () => {
    expect(isExternalCaller(['parent'])).toBe(true);
    expect(isExternalCaller(['setting', 'professional'])).toBe(true);
    expect(isExternalCaller(['parent', 'caseworker'])).toBe(false);
    expect(isExternalCaller([])).toBe(false);
  });
});
