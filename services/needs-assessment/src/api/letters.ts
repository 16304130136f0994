import { appealDeadline, mediationContactDeadline } from '@ehc/domain-kernel';
import type { CaseFileView } from '../infrastructure/read-models/case-file.view';
import { appealRightsParagraphs, escapeHtml, letterPage, longDate, nameHtml } from '@ehc/letters';
import { type Person } from '@ehc/personal-data';

type Letter = CaseFileView['letters'][number];

const esc = escapeHtml;

/**
 * A letter a caseworker can open and print. Rendered on demand from the case and the person's
 * current details, so an erased person's letters no longer show their name.
 */
export function renderLetter(letter: Letter, view: CaseFileView, person: Person | null, reasons: string | null, authority: string): string {
  const name = person && !person.erasedAt ? `${person.givenName ?? ''} ${person.familyName ?? ''}`.trim() : 'the child or young person';
  const who = nameHtml(name);
  const to = letter.recipient === 'young-person' ? who : `the parent of ${who}`;
  const body: string[] = [];
  switch (letter.kind) {
    case 'decision-to-assess':
      body.push(`We have decided to carry out an EHC needs assessment for ${who}. We received the request on ${longDate(view.receivedOn)}.`,
        `We will ask for advice and information from you, the setting and health and social care professionals. You will hear by ${longDate(view.statutory.decisionNotToIssue.due)} if we decide not to issue an EHC plan, and any final EHC plan is due by ${longDate(view.statutory.finalPlan.due)}.`);
      break;
    case 'refusal-to-assess':
      body.push(`We have decided not to carry out an EHC needs assessment for ${who}.`);
      break;
    case 'decision-not-to-issue':
      body.push(`Following the EHC needs assessment, we have decided not to issue an EHC plan for ${who}.`);
      break;
    case 'draft-plan': {
      const draft = view.drafts.find((d) => d.servedOn === letter.sentOn) ?? view.drafts[view.drafts.length - 1];
      body.push(`Enclosed is the draft EHC plan for ${who}. The draft does not name a school or other setting.`,
        `You have until ${longDate(draft.representationsEndOn)} (15 days beginning with the day it was served) to make representations, ask for a meeting with us, and tell us which school, college or other setting you would like named in the plan.`);
      break;
    }
    case 'final-plan':
      body.push(`Enclosed is the final EHC plan for ${who}, naming ${esc(view.finalPlan?.namedSetting.name ?? 'the setting')} in section I.`);
      break;
  }
  if (reasons) body.push(`Our reasons: ${esc(reasons)}`);
  if (letter.appealRights) {
    // reg 32 and CoP 11: appeal rights, mediation information and the independent advice services
    body.push(...appealRightsParagraphs(letter.sentOn, mediationContactDeadline(letter.sentOn), appealDeadline(letter.sentOn),
      letter.kind === 'final-plan' ? ' about sections B, F and I of the plan' : '',
      letter.kind === 'final-plan' ? ', unless your appeal is only about the school or setting named in section I' : ''));
  }
  return letterPage({ authority, reference: view.reference, title: letter.kind, sentOn: letter.sentOn, to, paragraphs: body });
}
