import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@ehc/personal-data';

/*
 * The surveys service's tables that no event can rebuild, so they change only through migrations:
 * the outbox of messages (what was sent, or waits for a caseworker), the facts learnt from other
 * services' contracts that the letters do not carry (a case's cohort and caseworker), the invitations
 * sent per case for the quiet period (written with each invitation, in the letter's transaction,
 * so two letters in one batch see each other), and the link secret. A family's survey address is a
 * person's contact (the people table): erased, and exported on a subject access request, with the rest.
 */
export class SurveysTables1764979200500 implements MigrationInterface {
  name = 'SurveysTables1764979200500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.survey_settings (name text PRIMARY KEY, value text NOT NULL)`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.survey_messages (
      message_id uuid PRIMARY KEY,
      invitation_id uuid NOT NULL,
      kind text NOT NULL,
      person_id uuid,
      to_address text,
      subject text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      sent_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS survey_messages_pending ON ${s}.survey_messages (created_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS survey_messages_created ON ${s}.survey_messages (created_at DESC)`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.survey_case_facts (
      case_id uuid PRIMARY KEY, caseworker_id text, reception_year int, year_group_offset int)`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.survey_case_invitations (
      invitation_id uuid PRIMARY KEY, case_id uuid NOT NULL, letter_on date NOT NULL)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS survey_case_invitations_case ON ${s}.survey_case_invitations (case_id, letter_on)`);
  }

  async down(): Promise<void> {
    throw new Error('the surveys tables hold what no event can rebuild; they are not dropped by a migration');
  }
}

export const surveysMigrations = [SurveysTables1764979200500];
