import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/*
 * The surveys service's read model, rebuilt from event zero: one row per invitation (sent or
 * suppressed) for the lists, the monthly counts of invitations, answers and each score (what the
 * results read), one per comment (redacted before it was stored; its text is in the erasable documents), and the
 * families whose surveys are flagged off. A response is counted in the month of the letter that
 * invited it; the results read the monthly counts, kept as each event is applied, never the rows.
 */

/** "Which invitations went out for this letter, and were they answered?" */
@Entity({ name: 'rm_survey_invitations' })
@Index(['month', 'trigger', 'team'])
export class SurveyInvitationRow {
  @PrimaryColumn('uuid', { name: 'invitation_id' }) invitationId!: string;
  @Index() @Column('text', { name: 'letter_id' }) letterId!: string;
  @Column('text') service!: string;
  @Column('text', { name: 'letter_kind' }) letterKind!: string;
  @Index() @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Index() @Column('uuid', { name: 'child_id' }) childId!: string;
  @Column('text') trigger!: string;
  @Column('text', { name: 'respondent_role' }) respondentRole!: string;
  @Column('text', { name: 'question_set' }) questionSet!: string;
  @Column('text', { nullable: true }) team!: string | null;
  @Column('date', { name: 'recorded_on' }) recordedOn!: string;
  @Column('text') month!: string;
  @Column('date', { name: 'expires_on', nullable: true }) expiresOn!: string | null;
  @Index() @Column('date', { name: 'reminder_due_on', nullable: true }) reminderDueOn!: string | null;
  @Column('date', { name: 'reminded_on', nullable: true }) remindedOn!: string | null;
  @Column('date', { name: 'answered_on', nullable: true }) answeredOn!: string | null;
  @Column('text', { name: 'suppressed_reason', nullable: true }) suppressedReason!: string | null;
}

/** "What did families write, and about what?" */
@Entity({ name: 'rm_survey_comments' })
@Index(['month', 'trigger', 'team'])
export class SurveyCommentRow {
  @PrimaryColumn('uuid', { name: 'invitation_id' }) invitationId!: string;
  @Column('uuid', { name: 'document_id' }) documentId!: string;
  @Column('text', { array: true }) themes!: string[];
  @Column('date', { name: 'answered_on' }) answeredOn!: string;
  @Column('text') month!: string;
  @Column('text') trigger!: string;
  @Column('text', { nullable: true }) team!: string | null;
}

/** "How many were invited, answered and not sent, by month, trigger and team?" (team '' when unallocated) */
@Entity({ name: 'rm_survey_month_counts' })
export class SurveyMonthCountRow {
  @PrimaryColumn('text') month!: string;
  @PrimaryColumn('text') trigger!: string;
  @PrimaryColumn('text', { name: 'team_key' }) teamKey!: string;
  @Column('int', { default: 0 }) invited!: number;
  @Column('int', { default: 0 }) answered!: number;
  @Column('int', { default: 0 }) suppressed!: number;
}

/** "How many gave each score to each question, by month, trigger and team?" */
@Entity({ name: 'rm_survey_month_scores' })
export class SurveyMonthScoreRow {
  @PrimaryColumn('text') month!: string;
  @PrimaryColumn('text') trigger!: string;
  @PrimaryColumn('text', { name: 'team_key' }) teamKey!: string;
  @PrimaryColumn('text') question!: string;
  @PrimaryColumn('smallint') score!: number;
  @Column('int', { default: 0 }) n!: number;
}

/** "Whose surveys are flagged off, and why?" */
@Entity({ name: 'rm_survey_recipients' })
export class SurveyRecipientRow {
  @PrimaryColumn('uuid', { name: 'person_id' }) personId!: string;
  @Column('text', { name: 'flag_reason', nullable: true }) flagReason!: string | null;
  @Column('date', { name: 'flagged_on', nullable: true }) flaggedOn!: string | null;
  @Column('text', { name: 'flagged_by', nullable: true }) flaggedBy!: string | null;
  @Column('date', { name: 'opted_out_on', nullable: true }) optedOutOn!: string | null;
  @Column('date', { name: 'died_on', nullable: true }) diedOn!: string | null;
}

export const surveyResultsEntities = [SurveyInvitationRow, SurveyCommentRow, SurveyMonthCountRow, SurveyMonthScoreRow, SurveyRecipientRow];
