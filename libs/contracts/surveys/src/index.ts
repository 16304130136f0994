import { Type, type Static, type TObject } from '@sinclair/typebox';
import { CalendarDate, Closed, Nullable, OneOf } from '@ehc/contracts/common';

/**
 * Published contract of the surveys service (topic `surveys.public.v1`): what the performance pack
 * reads of the satisfaction surveys. Keyed by the invitation; no free text and no personal details
 * (no child id either: a response is reported by trigger, team and month, never by family).
 */
export const SURVEYS_TOPIC = 'surveys.public.v1';

export const SURVEY_INVITATION_SENT_V1 = 'surveys.SurveyInvitationSent.v1';
export const SURVEY_RESPONSE_RECEIVED_V1 = 'surveys.SurveyResponseReceived.v1';

export const RESPONDENT_ROLES = ['parent', 'young-person', 'child-or-young-person', 'setting'] as const;
export type RespondentRoleV1 = (typeof RESPONDENT_ROLES)[number];

const invitationRef = {
  invitationId: Type.String({ format: 'uuid' }),
  trigger: Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$', description: 'The trigger-table row that invited it, e.g. `final-plan`, `review-decision`.' }),
  respondentRole: OneOf(RESPONDENT_ROLES),
  questionSet: Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' }),
  team: Nullable(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }), { description: 'The team of the case\'s caseworker when the letter was sent; null when unallocated.' }),
};

export const surveyInvitationSentV1Schema = Closed({
  ...invitationRef,
  letterId: Type.String({ pattern: '^letter-[0-9]+$' }),
  source: OneOf(['needs-assessment', 'annual-review', 'tribunal'], { description: 'The service whose letter invited it.' }),
  sentOn: CalendarDate(),
  expiresOn: CalendarDate({ description: 'The link\'s last day.' }),
}, { $id: SURVEY_INVITATION_SENT_V1, description: 'An invitation went to a family (or setting): the denominator of the response rate.' });
export type SurveyInvitationSentV1 = Static<typeof surveyInvitationSentV1Schema>;

export const surveyResponseReceivedV1Schema = Closed({
  ...invitationRef,
  sentOn: CalendarDate({ description: 'When the invitation was sent: a response is counted against its invitation\'s month.' }),
  answeredOn: CalendarDate(),
  scores: Type.Array(Closed({
    question: Type.String({ pattern: '^[a-z][A-Za-z0-9]{0,62}$', description: 'The question\'s id in its set, e.g. `feltListenedTo`, `involvedInShapingPlan`.' }),
    score: Type.Integer({ minimum: 1, maximum: 5 }),
  }), { maxItems: 50, description: 'The 1–5 answers; a question left out is absent.' }),
  themes: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' }), { maxItems: 50, description: 'Themes the comment touched (from the keyword lexicon); the comment itself is never published.' }),
  commented: Type.Boolean(),
}, { $id: SURVEY_RESPONSE_RECEIVED_V1, description: 'A survey was answered: scores and theme tags only.' });
export type SurveyResponseReceivedV1 = Static<typeof surveyResponseReceivedV1Schema>;

/** Every published type with the JSON Schema of its `data` (closed: `additionalProperties: false`, `$id` = the type). */
export const surveysSchemas: Readonly<Record<string, TObject>> = {
  [SURVEY_INVITATION_SENT_V1]: surveyInvitationSentV1Schema,
  [SURVEY_RESPONSE_RECEIVED_V1]: surveyResponseReceivedV1Schema,
};
