import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE, OPERATOR_ROLE } from '../roles/database-roles';

/**
 * Dead letters of the in-process transport (libs/messaging `PostgresDeadLetterStore`): the
 * embedded CLI's `<topic>.dlq`. A dead letter may hold any tenant's data and its tenant cannot be
 * trusted (the message failed validation), so it carries no tenant column: the app role may only
 * append (INSERT, no SELECT/UPDATE/DELETE; RLS forced, with an insert-only policy for it), and
 * only operators (the owner) read it.
 */
export class DeadLetters1795881600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public.dead_letters (
        id bigserial NOT NULL,
        source_topic text NOT NULL,
        dlq_topic text NOT NULL,
        source_partition integer NOT NULL,
        source_offset text NOT NULL,
        key text NULL,
        value text NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        error_code text NOT NULL,
        error_reason text NOT NULL,
        failed_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dead_letters_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(
      `CREATE INDEX dead_letters_source_topic_idx ON public.dead_letters (source_topic, id)`,
    );
    await queryRunner.query(
      `REVOKE SELECT, UPDATE, DELETE ON public.dead_letters FROM ${APP_ROLE}`,
    );
    await queryRunner.query(`ALTER TABLE public.dead_letters ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE public.dead_letters FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY dead_letters_append ON public.dead_letters FOR INSERT TO ${APP_ROLE} WITH CHECK (true)`,
    );
    await queryRunner.query(
      `CREATE POLICY operator_bypass ON public.dead_letters TO ${OPERATOR_ROLE} USING (true) WITH CHECK (true)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE public.dead_letters`);
  }
}
