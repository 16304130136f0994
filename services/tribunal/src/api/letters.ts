import { letterPage, longDate, nameHtml } from '@ehc/letters';
import type { Person } from '@ehc/personal-data';
import type { DisagreementState } from '../domain/disagreement-state';
import type { LetterKind } from '../domain/events';

type Letter = DisagreementState['letters'][number];

const ORDER_WORDS: Record<string, string> = {
  'assess-or-reassess': 'to carry out an EHC needs assessment',
  'make-and-maintain-plan': 'to make and maintain an EHC plan',
  'amend-special-educational-provision': 'to amend the special educational provision in the EHC plan',
  'amend-section-i-only': 'to amend section I of the EHC plan',
  'amend-provision-and-section-i': 'to amend the special educational provision and section I of the EHC plan',
  'cease-decision-overturned': 'to continue to maintain the EHC plan',
  'cease-appeal-dismissed': 'that the EHC plan ceases',
};

const WHAT: Record<LetterKind, (s: DisagreementState, letter: Letter, name: string) => string[]> = {
  'mediation-arranged': (s, letter) => {
    const m = s.mediations.find((x) => x.mediationId === letter.about);
    return [
      `We have arranged mediation about our decision of ${longDate(s.window!.letterOn)}, as you asked. It will take place on ${m?.takesPlaceOn ? longDate(m.takesPlaceOn) : 'the date we will confirm'}.`,
      'The mediator is independent of the local authority. After the mediation the mediation adviser will send you a certificate within 3 working days, which you need if you decide to appeal to the First-tier Tribunal (Special Educational Needs and Disability).',
    ];
  },
  'recommendations-response': (s, letter) => {
    const a = s.appeals.find((x) => x.appealId === letter.about);
    return [
      `The Tribunal made recommendations about the health and social care parts of the EHC plan (${(a?.groundsDecided ?? []).filter((g) => g.outcome === 'recommendation-made').map((g) => `section ${g.section}`).join(', ') || 'health and social care'}) in its decision of ${a?.concludedOn ? longDate(a.concludedOn) : 'its decision'}.`,
      'This letter is our written response to those recommendations, which we must send within 5 weeks. Where we are not following a recommendation, we give our reasons.',
    ];
  },
  'compliance-confirmed': (s, letter, name) => {
    const o = s.appeals.flatMap((a) => a.orders).find((x) => x.orderId === letter.about);
    return [`The Tribunal ordered us ${o ? ORDER_WORDS[o.kind] : 'to act'} for ${name}${o ? ` on ${longDate(o.orderedOn)}` : ''}. We write to confirm that we have done what the order requires, on ${longDate(letter.sentOn)}.`];
  },
};

/** A tribunal-process letter a tribunal officer can open and print, rendered on demand so an erased person's name is gone. */
export function renderTribunalLetter(letter: Letter, state: DisagreementState, person: Person | null, authority: string): string {
  const name = person && !person.erasedAt ? nameHtml(`${person.givenName ?? ''} ${person.familyName ?? ''}`.trim()) : 'the child or young person';
  const titles: Record<LetterKind, string> = { 'mediation-arranged': 'Mediation arranged', 'recommendations-response': 'Our response to the Tribunal\'s recommendations', 'compliance-confirmed': 'Confirmation that we have complied with the Tribunal\'s order' };
  return letterPage({
    authority, reference: state.window!.source.id, title: titles[letter.kind as LetterKind], sentOn: letter.sentOn,
    to: letter.recipient === 'young-person' ? name : `the parent of ${name}`, paragraphs: WHAT[letter.kind as LetterKind](state, letter, name),
  });
}
