import { appealDeadline, mediationContactDeadline, phaseTransferRule, POST_16_TRANSFER_RULE, type PhaseTransferKind } from '@ehc/domain-kernel';
import { appealRightsParagraphs, escapeHtml as esc, letterPage, longDate, nameHtml } from '@ehc/letters';
import { type Person } from '@ehc/personal-data';
import type { PlanFileView } from '../infrastructure/read-models/plan-file.view';
import { comingPhaseTransfer } from './plan-view';

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

const KIND_WORDS: Record<PhaseTransferKind, string> = {
  'early-years-to-school': 'from early years education to school', 'infant-to-junior': 'from infant to junior school',
  'primary-to-middle': 'from primary to middle school', 'primary-to-secondary': 'from primary to secondary school',
  'middle-to-secondary': 'from middle to secondary school', 'secondary-to-post-16': 'from secondary school to a post-16 institution',
};

/**
 * reg 18: a transfer the family should know the legal date of, in the Regulations' words beside it.
 * The notice names the transfer coming when it was served; the amended plan the one it was issued for.
 */
function transferParagraph(letter: Letter, v: PlanFileView, name: string): string | null {
  if (letter.kind === 'amendment-notice') {
    const p16 = v.post16Transfer;
    if (p16 && !p16.amendedOn) {
      return `Because ${name} is to move to ${p16.newInstitution ? esc(p16.newInstitution.name) : 'another post-16 institution'} on ${longDate(p16.transferOn)}, the plan must be amended ${POST_16_TRANSFER_RULE}: by ${longDate(p16.deadline)}.`;
    }
    const coming = comingPhaseTransfer(v, null, letter.sentOn);
    if (coming) {
      return `Because ${name} moves ${KIND_WORDS[coming.kind]} in September ${coming.transferYear}, the plan must be amended, naming the new school or setting, ${phaseTransferRule(coming.kind, coming.transferYear)}: by ${longDate(coming.deadline)} at the latest.`;
    }
  }
  if (letter.kind === 'amended-plan') {
    const pt = v.phaseTransfer;
    if (pt && pt.amendedOn === letter.sentOn) {
      return `This amended plan is for ${name}'s move ${KIND_WORDS[pt.kind]} in September ${pt.transferYear}, which the law requires ${phaseTransferRule(pt.kind, pt.transferYear)}.`;
    }
    const p16 = v.post16Transfer;
    if (p16 && p16.amendedOn === letter.sentOn) {
      return `This amended plan is for ${name}'s move on ${longDate(p16.transferOn)}, which the law requires ${POST_16_TRANSFER_RULE}.`;
    }
  }
  return null;
}

/** A review-cycle letter a caseworker can open and print, rendered on demand so an erased person's name is gone. */
export function renderPlanLetter(letter: Letter, view: PlanFileView, person: Person | null, reasons: string | null, authority: string): string {
  const name = person && !person.erasedAt ? nameHtml(`${person.givenName ?? ''} ${person.familyName ?? ''}`.trim()) : 'the child or young person';
  const paragraphs = [WHAT[letter.kind](view, name)];
  const transfer = transferParagraph(letter, view, name);
  if (transfer) paragraphs.push(transfer);
  if (reasons) paragraphs.push(`Our reasons: ${esc(reasons)}`);
  if (letter.appealRights) {
    paragraphs.push(...appealRightsParagraphs(letter.sentOn, mediationContactDeadline(letter.sentOn), appealDeadline(letter.sentOn),
      letter.kind === 'amended-plan' ? ' about sections B, F and I of the plan' : '',
      letter.kind === 'amended-plan' ? ', unless your appeal is only about the school or setting named in section I' : ''));
  }
  return letterPage({ authority, reference: view.reference, title: letter.kind, sentOn: letter.sentOn, to: letter.recipient === 'young-person' ? name : `the parent of ${name}`, paragraphs });
}
