import { integrationEvent, type Publication } from '@ehc/messaging';
import {
  SURVEY_INVITATION_SENT_V1, SURVEY_RESPONSE_RECEIVED_V1, SURVEYS_TOPIC, type SurveyInvitationSentV1, type SurveyResponseReceivedV1,
} from '@ehc/contracts/surveys';
import { evolve, initialState, type Event } from '../domain/invitation';
import { INVITATION_STREAM_PREFIX } from './read-models/survey-results.projection';

/**
 * The one place the surveys' domain events become published contracts, for the performance
 * pack: an invitation sent (the response rate's denominator) and a response with its scores and
 * theme tags. No free text, no child, no family: a suppressed invitation is not published.
 */
export const surveysPublication: Publication = {
  topic: SURVEYS_TOPIC,
  filter: { streamPrefixes: [INVITATION_STREAM_PREFIX] },
  async translate(event, history) {
    const domain = { type: event.type, data: event.data } as Event;
    if (domain.type === 'SurveyInvitationSent') {
      const d = domain.data;
      return [integrationEvent<SurveyInvitationSentV1>(event, SURVEY_INVITATION_SENT_V1, {
        invitationId: d.invitationId, trigger: d.trigger, respondentRole: d.respondentRole, questionSet: d.questionSet, team: d.team,
        letterId: d.letterId, source: d.service, sentOn: d.sentOn, expiresOn: d.expiresOn,
      })];
    }
    if (domain.type !== 'SurveyResponseReceived') return [];
    const state = (await history(event.stream, event.revision)).map((e) => ({ type: e.type, data: e.data }) as Event).reduce(evolve, initialState());
    const subject = state.subject;
    if (!subject || !state.sentOn) return [];
    const d = domain.data;
    return [integrationEvent<SurveyResponseReceivedV1>(event, SURVEY_RESPONSE_RECEIVED_V1, {
      invitationId: d.invitationId, trigger: subject.trigger, respondentRole: subject.respondentRole, questionSet: subject.questionSet, team: subject.team,
      sentOn: state.sentOn, answeredOn: d.answeredOn, scores: Object.entries(d.scores).map(([question, score]) => ({ question, score })).sort((a, b) => a.question.localeCompare(b.question)), themes: d.themes,
      commented: d.commentDocumentId !== null,
    })];
  },
};
