import { appealDeadline, mediationContactDeadline } from '@ehc/domain-kernel';
import { appealRightsParagraphs, escapeHtml as esc, letterPage, longDate, type Person } from '@ehc/platform';
import type { PlanFileView } from '../infrastructure/read-models/plan-file.view';

type Letter = PlanFileView['letters'][number];

const WHAT: Record<Letter['kind'], (v: PlanFileView, name: string) => string> = {
  'decision-to-maintain': (_v, n) => `Following the annual review of ${n}'s EHC plan, we have decided to keep the plan as it is.`,
  'decision-to-amend': (_v, n) => `Following the annual review of ${n}'s EHC plan, we have decided to amend the plan. We will send you a notice of the changes we propose.`,
  'amendment-notice': (v, n) => `We propose to amend ${n}'s EHC plan. Enclosed are the current plan and the proposed changes. You have until ${v.amendment?.representations.due ? longDate(v.amendment.representations.due) : 'the date shown'} (15 days beginning with the day this notice was served) to comment, ask for a meeting, or ask for a particular school or setting to be named.`,
  'amended-plan': (v, n) => `Enclosed is ${n}'s amended EHC plan, naming ${esc(v.namedSetting.name)} in section I.`,
  'decision-not-to-amend': (_v, n) => `We have decided not to amend ${n}'s EHC plan after all.`,
  'cease-considered': (_v, n) => `We are considering whether to cease to maintain ${n}'s EHC plan. We would like your views, and those of the school or setting, before we decide.`,
  'decision-not-to-cease': (_v, n) => `We have decided to continue to maintain ${n}'s EHC plan.`,
  'cease-decision': (v, n) => `We have decided to cease to maintain ${n}'s EHC plan. The plan will be maintained until the time to appeal has passed (${v.cease?.appealWindowEndsOn ? longDate(v.cease.appealWindowEndsOn) : 'see below'}) or any appeal has ended.`,
};

/** A review-cycle letter a caseworker can open and print, rendered on demand so an erased person's name is gone. */
export function renderPlanLetter(letter: Letter, view: PlanFileView, person: Person | null, reasons: string | null, authority: string): string {
  const name = person && !person.erasedAt ? esc(`${person.givenName ?? ''} ${person.familyName ?? ''}`.trim()) : 'the child or young person';
  const paragraphs = [WHAT[letter.kind](view, name)];
  if (reasons) paragraphs.push(`Our reasons: ${esc(reasons)}`);
  if (letter.appealRights) {
    paragraphs.push(...appealRightsParagraphs(letter.sentOn, mediationContactDeadline(letter.sentOn), appealDeadline(letter.sentOn),
      letter.kind === 'amended-plan' ? ' about sections B, F and I of the plan' : '',
      letter.kind === 'amended-plan' ? ', unless your appeal is only about the school or setting named in section I' : ''));
  }
  return letterPage({ authority, reference: view.reference, title: letter.kind, sentOn: letter.sentOn, to: letter.recipient === 'young-person' ? name : `the parent of ${name}`, paragraphs });
}
