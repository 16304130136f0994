/**
 * The surveys half of the demo county (`npm run seed:demo`): the needs assessments', annual reviews'
 * and tribunal's letters have already become invitations by themselves (the surveys service's letters
 * consumer, in-process); here families answer some of them through the real path (SurveyAnswers, as
 * the public page does: the comment redacted, its themes found, the answer recorded once), a few opt
 * out from their link, and caseworkers flag a few families off surveys (safeguarding) through the
 * CommandBus, as the controller does.
 *
 * Assumptions (stated, not national figures: domain §12 gives no survey calibration, and no published
 * response rate for LA SEND letter-linked surveys was to hand): about 30% of invitations answered
 * (25–35% by respondent: post-event parent surveys are voluntary and mostly unanswered; a setting
 * answers more often than a family, a child through school less often); 35% of answers with a
 * comment; score means between 3.0 and 3.8 per question, lower where the letter refused something;
 * 0.5% of children flagged off (safeguarding), 1% of unanswered invitations opted out.
 *
 * The service dates an answer by its own clock, and the seed runs on today's: every invitation and
 * answer is dated today; the results count each in the month of its letter (the seed lets letters of
 * any age invite: SURVEY_LETTER_MAX_AGE_DAYS), so they show the county's years month by month.
 */
import { CommandBus } from '@nestjs/cqrs';
import { hash32, mulberry32, todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { waitUntilProcessed, type RunningHost } from '@ehc/host';
import { ProgressBar } from '@ehc/tooling';
import type { Executed } from '@ehc/commands';
import { PersonalData } from '@ehc/personal-data';
import { SURVEY_ANSWERS } from '../../services/surveys/src/api/tokens';
import type { SurveyAnswers } from '../../services/surveys/src/application/survey-answers';
import { ExecuteSurveyCommand, RECIPIENT } from '../../services/surveys/src/application/survey-command';
import { LETTERS_CONSUMER } from '../../services/surveys/src/infrastructure/letters.consumer';
import { surveyResults } from '../../services/surveys/src/infrastructure/queries/results';
import { questionSet } from '../../services/surveys/src/domain/question-sets';
import type { QuestionSet, RespondentRole } from '../../services/surveys/src/domain/model';

/** The share of invitations answered, by who is asked (see the assumptions above). */
export const RESPONSE_RATES: Readonly<Record<RespondentRole, number>> = {
  parent: 0.31, 'young-person': 0.26, 'child-or-young-person': 0.25, setting: 0.35,
};
export const SURVEY_RATES = { comment: 0.35, scaleAnswered: 0.95, choiceAnswered: 0.9, flagged: 0.005, optedOut: 0.01 } as const;

/**
 * Each scale question's mean score (1–5): families rate being listened to and the plan better than
 * being kept informed and the time things took, the commonest complaints in parent carer forum reports.
 */
export const QUESTION_MEANS: Readonly<Record<string, number>> = {
  decisionClarity: 3.5, keptInformed: 3.2, feltListenedTo: 3.5, planReflectsChild: 3.4, settingConfidence: 3.6,
  timeliness: 3.2, involvement: 3.6, familyConfidence: 3.3, resolutionExperience: 3.1,
  askedWhatIThink: 3.8, planSaysWhatHelps: 3.7, involvedInShapingPlan: 3.5,
};
/** A letter that refuses something is scored lower (the decision, not the letter, is what is judged). */
const REFUSAL_SHIFT = -0.4;
const REFUSALS = new Set(['refusal-to-assess', 'decision-not-to-issue', 'decision-not-to-amend']);

/**
 * Comments as families, young people and settings write them, covering the themes of
 * services/surveys/src/domain/themes.ts; a few hold a phone number or an e-mail address, which the
 * service removes before the comment is stored.
 */
export const COMMENTS: readonly string[] = [
  'Nobody kept us informed for weeks. I had to chase every update myself.',
  'The caseworker explained the decision clearly and rang me back the same day.',
  'It took far too long. We waited months past the 20 weeks and nobody told us why.',
  'I felt listened to for the first time. The plan finally describes my son as he is.',
  'The draft plan had mistakes copied from another child\'s report. Please check the paperwork.',
  'We still do not have a school place named in the plan. The uncertainty is very hard.',
  'Speech and language therapy is in the plan but he has not seen a therapist since September.',
  'Our caseworker was kind, patient and professional throughout.',
  'The letter was full of jargon and I was confused about what happens next.',
  'Please call me on 07700 900456, nobody has replied to my emails for a month.',
  'You can reach me at parent.feedback@example.org if you want to discuss the delays.',
  'Staff were rude on the phone and made us feel like a nuisance.',
  'The review meeting was good but the decision letter came late.',
  'The plan does not mention her sensory needs or the CAMHS report we sent.',
  'I asked for a special school and felt our views were ignored.',
  'Quick, clear and helpful. Thank you.',
  'The portal kept losing our documents, we had to upload the same form three times.',
  'I want the same help at college that I had at school.',
  'My teacher helped me fill this in. I like my plan.',
  'Nobody asked me what I think.',
  'The setting was consulted properly and the amendments were issued on time.',
  'We had to wait 12 weeks for the amended plan after the review; transport is still not sorted.',
  'Mediation helped us reach an agreement without going to tribunal.',
  'We only got the right provision after appealing. It should not take a tribunal.',
  'Ring 01632 960 123 if you need more information from the school.',
  'The educational psychologist report was thorough but the plan left most of it out.',
  'Communication between health and education was poor and we repeated our story many times.',
  'Good support from the SEND team, but the wait for a decision was stressful.',
  'The occupational therapy provision is vague: it should say how often and by whom.',
  'Everything was explained in plain English and we knew who to contact.',
];

export interface InvitationToAnswer {
  invitationId: string;
  trigger: string;
  questionSet: string;
  respondentRole: string;
}

export type SurveyDraw =
  | { invitationId: string; outcome: 'answered'; form: Record<string, string> }
  | { invitationId: string; outcome: 'opted-out' | 'unanswered' };

/** A normal draw (Box–Muller) from a uniform stream. */
const gauss = (rnd: () => number) => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

/** One score around a mean: a normal spread of about one point, rounded and kept within 1–5. */
export function score(rnd: () => number, mean: number): number {
  return Math.min(5, Math.max(1, Math.round(mean + 1.05 * gauss(rnd))));
}

/** The form a respondent sends for a question set: most scales answered, a choice, sometimes a comment. */
export function formFor(rnd: () => number, set: QuestionSet, trigger: string): Record<string, string> {
  const form: Record<string, string> = {};
  // one family's experience colours all its answers: a shared offset per form
  const mood = 0.45 * gauss(rnd);
  for (const q of set.questions) {
    if (q.kind === 'scale' && rnd() < SURVEY_RATES.scaleAnswered) {
      form[q.id] = String(score(rnd, (QUESTION_MEANS[q.id] ?? 3.4) + mood + (REFUSALS.has(trigger) ? REFUSAL_SHIFT : 0)));
    } else if (q.kind === 'choice' && rnd() < SURVEY_RATES.choiceAnswered) {
      const r = rnd();
      form[q.id] = q.options[r < 0.62 ? 0 : r < 0.82 ? 1 : Math.min(2, q.options.length - 1)].value;
    } else if (q.kind === 'text' && rnd() < SURVEY_RATES.comment) {
      form[q.id] = COMMENTS[Math.floor(rnd() * COMMENTS.length)];
    }
  }
  // an empty form is no answer: the first scale then
  if (Object.keys(form).length === 0) {
    const first = set.questions.find((q) => q.kind === 'scale');
    if (first) form[first.id] = String(score(rnd, QUESTION_MEANS[first.id] ?? 3.4));
  }
  return form;
}

/**
 * What each invitation's respondent does: answers (and with what), opts out, or lets it lapse. Drawn
 * from one stream in the order given, so the same invitations in the same order draw the same.
 */
export function syntheticSurveyAnswers(invitations: readonly InvitationToAnswer[], seed: string): SurveyDraw[] {
  const rnd = mulberry32(hash32(`${seed}|surveys`));
  return invitations.map((inv) => {
    const set = questionSet(inv.questionSet);
    const answered = rnd() < (RESPONSE_RATES[inv.respondentRole as RespondentRole] ?? 0.3);
    if (answered && set) return { invitationId: inv.invitationId, outcome: 'answered', form: formFor(rnd, set, inv.trigger) };
    // only the family's own link opts out; a setting's survey is the setting's
    if (inv.respondentRole !== 'setting' && rnd() < SURVEY_RATES.optedOut) return { invitationId: inv.invitationId, outcome: 'opted-out' };
    return { invitationId: inv.invitationId, outcome: 'unanswered' };
  });
}

export interface SurveySeedOptions {
  seed: string;
  concurrency: number;
}

/** The last LetterSent a service stored: once the surveys consumer has handled it, every invitation of that service is recorded. */
async function lastLetter(host: RunningHost, service: string): Promise<string | null> {
  const runtime = host.runtimes.find((r) => r.service === service);
  if (!runtime) return null;
  let last: string | null = null;
  for (let after = 0; ;) {
    const page = await runtime.store.readAll({ after, maxCount: 10_000, filter: { eventTypes: ['LetterSent'] } });
    if (page.events.length > 0) last = page.events[page.events.length - 1].id;
    if (page.events.length === 0 || page.position === after) break;
    after = page.position;
  }
  return last;
}

export async function seedSurveys(host: RunningHost, o: SurveySeedOptions): Promise<{ summary: string; failures: { command: string; on: string; error: string }[] }> {
  const runtime = host.runtimes.find((r) => r.service === 'surveys');
  if (!runtime) throw new Error('the surveys service is not in this host');
  for (const service of ['needs-assessment', 'annual-review', 'tribunal']) {
    const last = await lastLetter(host, service);
    if (last && !(await waitUntilProcessed(runtime, LETTERS_CONSUMER, last, 10 * 60_000))) {
      throw new Error(`the surveys service did not turn ${service}'s letters into invitations within 10 minutes`);
    }
  }
  const views = runtime.projections[0];
  const lastStored = async () => Number((await runtime.pool.query(`SELECT coalesce(max(global_position), 0) AS last FROM "${runtime.schema}".es_events`)).rows[0].last);
  if (!(await views.waitFor(await lastStored(), 10 * 60_000))) throw new Error('the surveys read model did not catch up within 10 minutes');

  const today: CalendarDate = todayInLondon(runtime.clock);
  const s = `"${runtime.schema}"`;
  // in a stable order, so the draws follow the triggers; ids differ between runs (the handlers draw them)
  const open = (await runtime.pool.query(
    `SELECT invitation_id::text AS "invitationId", trigger, question_set AS "questionSet", respondent_role AS "respondentRole"
     FROM ${s}.rm_survey_invitations WHERE suppressed_reason IS NULL AND answered_on IS NULL ORDER BY trigger, respondent_role, invitation_id`,
  )).rows as InvitationToAnswer[];
  const draws = syntheticSurveyAnswers(open, o.seed);

  const answers = host.app.get<SurveyAnswers>(SURVEY_ANSWERS);
  const commands = host.app.get(CommandBus);
  const failures: { command: string; on: string; error: string }[] = [];
  const bar = new ProgressBar('survey answers', draws.length, ' invitations');
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next < draws.length) {
      const d = draws[next++];
      if (d.outcome === 'answered') {
        const page = await answers.answer(d.invitationId, d.form);
        if (page.page !== 'thanks') failures.push({ command: 'RecordSurveyResponse', on: today, error: `${d.invitationId}: ${page.page}` });
      } else if (d.outcome === 'opted-out') {
        const page = await answers.optOut(d.invitationId);
        if (page.page !== 'opted-out') failures.push({ command: 'OptOutOfSurveys', on: today, error: `${d.invitationId}: ${page.page}` });
      }
      bar.update(++done);
    }
  }));
  bar.done(done);

  // a few families flagged off by a caseworker (a safeguarding concern): their later letters invite nobody
  const children = (await runtime.pool.query(`SELECT DISTINCT child_id::text AS id FROM ${s}.rm_survey_invitations ORDER BY 1`)).rows as { id: string }[];
  const flagRnd = mulberry32(hash32(`${o.seed}|surveys|flags`));
  const flagged = children.filter(() => flagRnd() < SURVEY_RATES.flagged);
  for (const { id } of flagged) {
    const result: Executed<string> = await commands.execute(new ExecuteSurveyCommand(RECIPIENT, id, {
      type: 'FlagSurveysOff', data: { personId: id, reason: 'safeguarding', today, by: 'to-seed-demo' },
    }, { actor: { kind: 'user', id: 'to-seed-demo' }, correlationId: `seed-demo-${o.seed}-surveys`, occurredAt: today }));
    if (!result.ok) failures.push({ command: 'FlagSurveysOff', on: today, error: String(result.error) });
  }
  if (!(await views.waitFor(await lastStored(), 10 * 60_000))) throw new Error('the surveys read model did not catch up within 10 minutes');

  // the figures as GET /surveys/results gives them, over the months of the county's letters
  const { rows: [range] } = await runtime.pool.query(`SELECT min(month) AS first, max(month) AS last FROM "${runtime.schema}".rm_survey_invitations`);
  const { first, last } = range as { first: string | null; last: string | null };
  const month = first && last ? `${first} to ${last}` : today.slice(0, 7);
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  const r = await surveyResults(runtime.pool, runtime.schema, { from: first ?? today.slice(0, 7), to: last ?? today.slice(0, 7) }, (ids) => personal.texts(ids));
  const optedOut = draws.filter((d) => d.outcome === 'opted-out').length;
  const withComment = draws.filter((d) => d.outcome === 'answered' && d.form.comment).length;
  const means = r.questions.map((q) => `${q.question} ${q.mean?.toFixed(2) ?? '—'}`).join(', ');
  return {
    failures,
    summary: `Surveys ${month}: invited ${r.invited.toLocaleString('en-GB')}, answered ${r.answered.toLocaleString('en-GB')}, response rate ${r.responseRate ?? '—'}% (aim 25–35%); ` +
      `${r.suppressed.toLocaleString('en-GB')} suppressed, ${withComment.toLocaleString('en-GB')} comments, ${optedOut} opted out, ${flagged.length} families flagged off; means ${means} ` +
      '(each counted in its letter\'s month; answered today by the service clock)',
  };
}
