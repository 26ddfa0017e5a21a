import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLedgerAndStandings1764230400000 implements MigrationInterface {
  name = 'CreateLedgerAndStandings1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reps" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "external_id" text NOT NULL,
      "display_name" text NOT NULL,
      "is_new" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_reps" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_reps_external_id" ON "reps" ("external_id")`);

    await q.query(`CREATE TABLE "contests" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "description" text,
      "status" text NOT NULL DEFAULT 'live',
      "rules" jsonb NOT NULL,
      "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "standings_version" bigint NOT NULL DEFAULT '0',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_contests_status" CHECK ("status" IN ('draft', 'live', 'archived')),
      CONSTRAINT "pk_contests" PRIMARY KEY ("id"))`);

    await q.query(`CREATE TABLE "events" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "source" text NOT NULL,
      "external_id" text NOT NULL,
      "revision" integer NOT NULL,
      "status" text NOT NULL,
      "event_type" text NOT NULL,
      "rep_id" uuid NOT NULL,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "quantity" bigint,
      "amount_minor" bigint,
      "currency" text,
      "attributes" jsonb NOT NULL DEFAULT '{}',
      "content_hash" text NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "scored_revision" integer,
      CONSTRAINT "ck_events_status" CHECK ("status" IN ('active', 'void')),
      CONSTRAINT "ck_events_measures" CHECK ("quantity" >= 0 AND "amount_minor" >= 0),
      CONSTRAINT "pk_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_events_source_external_id" ON "events" ("source", "external_id")`);
    await q.query(
      `CREATE INDEX "ix_events_unscored" ON "events" ("id") WHERE "scored_revision" IS DISTINCT FROM "revision"`,
    );
    await q.query(`CREATE INDEX "ix_events_occurred_at" ON "events" ("occurred_at")`);
    await q.query(`ALTER TABLE "events" ADD CONSTRAINT "fk_events_rep_id" FOREIGN KEY ("rep_id")
      REFERENCES "reps"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "contributions" (
      "event_id" bigint NOT NULL,
      "contest_id" uuid NOT NULL,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "rep_id" uuid NOT NULL,
      "points" bigint NOT NULL,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "pk_contributions" PRIMARY KEY ("event_id", "contest_id"))`);
    await q.query(
      `CREATE INDEX "ix_contributions_board_rep" ON "contributions" ("contest_id", "period_start", "rep_id")`,
    );
    await q.query(`ALTER TABLE "contributions" ADD CONSTRAINT "fk_contributions_event_id" FOREIGN KEY ("event_id")
      REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "contributions" ADD CONSTRAINT "fk_contributions_contest_id" FOREIGN KEY ("contest_id")
      REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "standings" (
      "contest_id" uuid NOT NULL,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "rep_id" uuid NOT NULL,
      "score" bigint NOT NULL,
      "reached_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "pk_standings" PRIMARY KEY ("contest_id", "period_start", "rep_id"))`);
    await q.query(`CREATE INDEX "ix_standings_board_order" ON "standings"
      ("contest_id", "period_start", "score", "reached_at", "rep_id")`);
    await q.query(`ALTER TABLE "standings" ADD CONSTRAINT "fk_standings_contest_id" FOREIGN KEY ("contest_id")
      REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "standings" ADD CONSTRAINT "fk_standings_rep_id" FOREIGN KEY ("rep_id")
      REFERENCES "reps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "standings"`);
    await q.query(`DROP TABLE "contributions"`);
    await q.query(`DROP TABLE "events"`);
    await q.query(`DROP TABLE "contests"`);
    await q.query(`DROP TABLE "reps"`);
  }
}
