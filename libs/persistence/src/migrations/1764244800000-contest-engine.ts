import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contest engine: teams and roles for reps, the full contest lifecycle, prizes, finalised periods
 * with their awards, and post-close adjustments.
 */
export class ContestEngine1764244800000 implements MigrationInterface {
  name = 'ContestEngine1764244800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "teams" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "key" text NOT NULL,
      "name" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_teams" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_teams_key" ON "teams" ("key")`);

    await q.query(`ALTER TABLE "reps" ADD "team_id" uuid`);
    await q.query(`ALTER TABLE "reps" ADD "role" text`);
    await q.query(`CREATE INDEX "ix_reps_team_id" ON "reps" ("team_id")`);
    await q.query(`ALTER TABLE "reps" ADD CONSTRAINT "fk_reps_team_id" FOREIGN KEY ("team_id")
      REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await q.query(`ALTER TABLE "contests" DROP CONSTRAINT "ck_contests_status"`);
    await q.query(`ALTER TABLE "contests" ADD CONSTRAINT "ck_contests_status"
      CHECK ("status" IN ('draft', 'scheduled', 'live', 'finalising', 'final', 'archived'))`);
    // The default fills existing rows only: the api always writes a contest's prizes.
    await q.query(
      `ALTER TABLE "contests" ADD "prizes" jsonb NOT NULL DEFAULT '{"ranks":[],"thresholds":[]}'`,
    );
    await q.query(`ALTER TABLE "contests" ALTER COLUMN "prizes" DROP DEFAULT`);

    await q.query(`CREATE TABLE "contest_periods" (
      "contest_id" uuid NOT NULL,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
      "finalisation" integer NOT NULL,
      "finalised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "results" jsonb NOT NULL,
      CONSTRAINT "pk_contest_periods" PRIMARY KEY ("contest_id", "period_start"))`);
    await q.query(`ALTER TABLE "contest_periods" ADD CONSTRAINT "fk_contest_periods_contest_id" FOREIGN KEY ("contest_id")
      REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "awards" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "contest_id" uuid NOT NULL,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "division" text,
      "kind" text NOT NULL,
      "rank" integer,
      "at_least" bigint,
      "prize" jsonb NOT NULL,
      "winner_kind" text NOT NULL,
      "winner_key" text NOT NULL,
      "winner_name" text NOT NULL,
      "rep_id" uuid,
      "winner_rank" integer NOT NULL,
      "score" bigint NOT NULL,
      "value" bigint NOT NULL,
      CONSTRAINT "ck_awards_kind" CHECK ("kind" IN ('rank', 'threshold')),
      CONSTRAINT "ck_awards_winner_kind" CHECK ("winner_kind" IN ('rep', 'team')),
      CONSTRAINT "pk_awards" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_awards_board" ON "awards" ("contest_id", "period_start")`);
    await q.query(`CREATE INDEX "ix_awards_rep_id" ON "awards" ("rep_id")`);
    await q.query(`ALTER TABLE "awards" ADD CONSTRAINT "fk_awards_period" FOREIGN KEY ("contest_id", "period_start")
      REFERENCES "contest_periods"("contest_id","period_start") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "awards" ADD CONSTRAINT "fk_awards_rep_id" FOREIGN KEY ("rep_id")
      REFERENCES "reps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "adjustments" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "contest_id" uuid NOT NULL,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "event_id" bigint NOT NULL,
      "revision" integer NOT NULL,
      "rep_id" uuid NOT NULL,
      "points_before" bigint NOT NULL,
      "points_after" bigint NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "resolved_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_adjustments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_adjustments_board" ON "adjustments" ("contest_id", "period_start")`);
    await q.query(`ALTER TABLE "adjustments" ADD CONSTRAINT "fk_adjustments_period" FOREIGN KEY ("contest_id", "period_start")
      REFERENCES "contest_periods"("contest_id","period_start") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "adjustments"`);
    await q.query(`DROP TABLE "awards"`);
    await q.query(`DROP TABLE "contest_periods"`);
    await q.query(`ALTER TABLE "contests" DROP COLUMN "prizes"`);
    await q.query(`ALTER TABLE "contests" DROP CONSTRAINT "ck_contests_status"`);
    await q.query(
      `UPDATE "contests" SET "status" = 'live' WHERE "status" IN ('scheduled', 'finalising', 'final')`,
    );
    await q.query(
      `ALTER TABLE "contests" ADD CONSTRAINT "ck_contests_status" CHECK ("status" IN ('draft', 'live', 'archived'))`,
    );
    await q.query(`ALTER TABLE "reps" DROP CONSTRAINT "fk_reps_team_id"`);
    await q.query(`DROP INDEX "ix_reps_team_id"`);
    await q.query(`ALTER TABLE "reps" DROP COLUMN "role"`);
    await q.query(`ALTER TABLE "reps" DROP COLUMN "team_id"`);
    await q.query(`DROP TABLE "teams"`);
  }
}
