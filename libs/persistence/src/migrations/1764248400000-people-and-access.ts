import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and access: users with roles (managers manage teams, rep users are reps), sessions, API keys
 * for ingest sources, display screens bound to a board, the audit log, and reps hiding from TVs.
 * Every secret is stored as a SHA-256 hash (tokens and keys) or an argon2id hash (passwords).
 */
export class PeopleAndAccess1764248400000 implements MigrationInterface {
  name = 'PeopleAndAccess1764248400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reps" ADD "hidden_from_tv" boolean NOT NULL DEFAULT false`);

    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "email" text NOT NULL,
      "password_hash" text NOT NULL,
      "role" text NOT NULL,
      "rep_id" uuid,
      "failed_logins" integer NOT NULL DEFAULT 0,
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "disabled_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'manager', 'rep')),
      CONSTRAINT "pk_users" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_rep_id" ON "users" ("rep_id")`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_rep_id" FOREIGN KEY ("rep_id")
      REFERENCES "reps"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "manager_teams" (
      "user_id" uuid NOT NULL,
      "team_id" uuid NOT NULL,
      CONSTRAINT "pk_manager_teams" PRIMARY KEY ("user_id", "team_id"))`);
    await q.query(`ALTER TABLE "manager_teams" ADD CONSTRAINT "fk_manager_teams_user_id" FOREIGN KEY ("user_id")
      REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "manager_teams" ADD CONSTRAINT "fk_manager_teams_team_id" FOREIGN KEY ("team_id")
      REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "access_hash" text NOT NULL,
      "access_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "refresh_hash" text NOT NULL,
      "refresh_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_sessions" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_sessions_access_hash" ON "sessions" ("access_hash")`);
    await q.query(`CREATE UNIQUE INDEX "uq_sessions_refresh_hash" ON "sessions" ("refresh_hash")`);
    await q.query(`ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id")
      REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "api_keys" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "prefix" text NOT NULL,
      "secret_hash" text NOT NULL,
      "event_types" text array,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_api_keys_secret_hash" ON "api_keys" ("secret_hash")`);
    await q.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_created_by" FOREIGN KEY ("created_by")
      REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "screens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "contest_ids" uuid array NOT NULL,
      "top_n" integer NOT NULL,
      "token_prefix" text,
      "token_hash" text,
      "pairing_hash" text,
      "pairing_expires_at" TIMESTAMP WITH TIME ZONE,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_screens" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_screens_token_hash" ON "screens" ("token_hash")`);
    await q.query(`CREATE UNIQUE INDEX "uq_screens_pairing_hash" ON "screens" ("pairing_hash")`);
    await q.query(`ALTER TABLE "screens" ADD CONSTRAINT "fk_screens_created_by" FOREIGN KEY ("created_by")
      REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "audit_log" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "actor_kind" text NOT NULL,
      "actor_id" text,
      "actor_label" text NOT NULL,
      "action" text NOT NULL,
      "entity" text NOT NULL,
      "entity_id" text NOT NULL,
      "teams" text array NOT NULL DEFAULT '{}',
      "before" jsonb,
      "after" jsonb,
      CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP TABLE "screens"`);
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "manager_teams"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`ALTER TABLE "reps" DROP COLUMN "hidden_from_tv"`);
  }
}
