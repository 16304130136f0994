import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { Executed } from '@ehc/commands';
import { todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import type { ServiceRuntime } from '@ehc/host';
import { PersonalData } from '@ehc/personal-data';
import { initialState, evolve, isExpired, type Event, type InvitationState } from '../domain/invitation';
import { questionSet } from '../domain/question-sets';
import { readAnswers } from '../domain/answers';
import { redact } from '../domain/redaction';
import { themesOf, type Lexicon } from '../domain/themes';
import { stageOf } from '../domain/messages';
import type { AnswerProblem, QuestionSet } from '../domain/model';
import { ExecuteSurveyCommand, INVITATION, RECIPIENT } from './survey-command';

/** What the family sees after following or answering a link. */
export type SurveyOutcome =
  | { page: 'not-found' }
  | { page: 'expired'; expiredOn: CalendarDate }
  | { page: 'already-answered' }
  | { page: 'survey'; set: QuestionSet; stage: string; values?: Record<string, unknown>; problems?: AnswerProblem[] }
  | { page: 'thanks' }
  | { page: 'opted-out' };

/** A link's holder acts as the public: no account, no name. */
const FAMILY = { kind: 'system' as const, id: 'surveys.link-holder' };

/**
 * A family following its link: the survey to answer, or why not; its answers recorded once (the
 * comment redacted before it is stored, so nobody ever reads a name or number in it); an opt-out.
 */
export class SurveyAnswers {
  private readonly personal: PersonalData;

  constructor(private readonly commands: CommandBus, private readonly runtime: ServiceRuntime, private readonly lexicon: Lexicon) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
  }

  async invitation(invitationId: string): Promise<InvitationState> {
    const events = await this.runtime.store.readStream(INVITATION.stream(invitationId));
    return events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Event), initialState());
  }

  /** The page a link opens today. */
  async open(invitationId: string | null): Promise<SurveyOutcome> {
    if (!invitationId) return { page: 'not-found' };
    return this.pageFor(await this.invitation(invitationId), todayInLondon(this.runtime.clock));
  }

  private pageFor(state: InvitationState, today: CalendarDate): SurveyOutcome {
    const set = state.subject && questionSet(state.subject.questionSet);
    // a suppressed invitation was never sent: its link is as unknown as a made-up one
    if (!state.subject || state.suppressed || !set) return { page: 'not-found' };
    if (state.answeredOn) return { page: 'already-answered' };
    if (isExpired(state, today)) return { page: 'expired', expiredOn: state.expiresOn! };
    return { page: 'survey', set, stage: stageOf(state.subject.letterKind) };
  }

  async answer(invitationId: string | null, form: Record<string, unknown>): Promise<SurveyOutcome> {
    if (!invitationId) return { page: 'not-found' };
    const today = todayInLondon(this.runtime.clock);
    const state = await this.invitation(invitationId);
    const page = this.pageFor(state, today);
    if (page.page !== 'survey') return page;
    const read = readAnswers(page.set, form);
    if (!read.ok) return { ...page, values: form, problems: read.problems };
    const { scores, choices, comment } = read.answers;
    const redacted = comment === null ? null : redact(comment, { knownNames: await this.namesOf(state.subject!.childId) });
    const commentDocumentId = redacted === null ? null : randomUUID();
    const writes = redacted === null ? [] : [this.personal.documentWrite(INVITATION.stream(invitationId), 'survey-comment', { text: redacted }, commentDocumentId!)];
    const result: Executed<string> = await this.commands.execute(new ExecuteSurveyCommand(INVITATION, invitationId, {
      type: 'RecordSurveyResponse', data: { today, scores, choices, commentDocumentId, themes: themesOf(redacted, this.lexicon) },
    }, { actor: FAMILY, correlationId: randomUUID(), occurredAt: today }, writes));
    if (result.ok) return { page: 'thanks' };
    // another submission got in first (two tabs, a double click): the same page as a second answer
    if (result.error === 'SurveyAlreadyAnswered') return { page: 'already-answered' };
    if (result.error === 'InvitationExpired') return { page: 'expired', expiredOn: state.expiresOn! };
    return { page: 'not-found' };
  }

  /** The family asks for no more surveys: recorded on the child's surveys (the family is reached through the child). */
  async optOut(invitationId: string | null): Promise<SurveyOutcome> {
    if (!invitationId) return { page: 'not-found' };
    const state = await this.invitation(invitationId);
    if (!state.subject || state.suppressed) return { page: 'not-found' };
    const today = todayInLondon(this.runtime.clock);
    const result: Executed<string> = await this.commands.execute(new ExecuteSurveyCommand(RECIPIENT, state.subject.childId, {
      type: 'OptOutOfSurveys', data: { personId: state.subject.childId, today, invitationId },
    }, { actor: FAMILY, correlationId: randomUUID(), occurredAt: today }));
    if (!result.ok) throw new Error(`the opt-out could not be recorded: ${result.error}`);
    return { page: 'opted-out' };
  }

  /** The child's names as this hub knows them, to take out of a comment. */
  private async namesOf(childId: string): Promise<string[]> {
    const details = await this.runtime.directory.find(childId).catch(() => null);
    return [details?.givenName, details?.familyName].filter((n): n is string => !!n);
  }
}
