import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE, APP_SCHEMA, OPERATOR_ROLE } from '../roles/database-roles';

/**
 * The roles of docs/architecture.md "Tenancy". Roles are cluster-wide, so they are created only
 * if missing (several databases may share them) and never dropped by `down`. The owner (the
 * role running this) joins OPERATOR_ROLE, so it and its SECURITY DEFINER functions pass the
 * `operator_bypass` policies; APP_ROLE gets data privileges on every table the owner creates
 * from here on — not on the migrations table, which already exists.
 * APP_ROLE's password is set by `runMigrations({ appRolePassword })`, never here.
 */
export class CreateAppRoles1795879800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        BEGIN
          CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
        BEGIN
          CREATE ROLE ${OPERATOR_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
        IF current_user = '${APP_ROLE}' THEN
          RAISE EXCEPTION 'migrations must not run as ${APP_ROLE}: it must not own the tables';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}' AND (rolsuper OR rolbypassrls)) THEN
          RAISE EXCEPTION '${APP_ROLE} is superuser or has BYPASSRLS: row-level security would not apply to it';
        END IF;
        IF pg_has_role('${APP_ROLE}', '${OPERATOR_ROLE}', 'MEMBER') THEN
          RAISE EXCEPTION '${APP_ROLE} is a member of ${OPERATOR_ROLE}: it would bypass row-level security';
        END IF;
        IF NOT pg_has_role(current_user, '${OPERATOR_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT %I TO %I', '${OPERATOR_ROLE}', current_user);
        END IF;
      END
      $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA ${APP_SCHEMA} TO ${APP_ROLE}`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${APP_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${APP_SCHEMA} GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`,
    );
    // SECURITY DEFINER functions bypass RLS: each one is granted explicitly, never to PUBLIC.
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${APP_SCHEMA} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${APP_SCHEMA} GRANT EXECUTE ON FUNCTIONS TO PUBLIC`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${APP_SCHEMA} REVOKE USAGE, SELECT ON SEQUENCES FROM ${APP_ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${APP_SCHEMA} REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP_ROLE}`,
    );
    await queryRunner.query(`REVOKE USAGE ON SCHEMA ${APP_SCHEMA} FROM ${APP_ROLE}`);
  }
}
