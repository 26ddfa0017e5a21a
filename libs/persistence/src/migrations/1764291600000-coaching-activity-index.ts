import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coaching view reads, per rep of a team, the active events of the last weeks grouped by week and
 * type, and each rep's first and last activity. This index answers all of it from the index alone:
 * ordered by rep and time (a range per rep, and the first/last row per rep), with the measures the
 * aggregates sum carried along, and only active events (void ones never count).
 * TypeORM cannot describe INCLUDE columns: the entity declares the index with `synchronize: false`.
 */
export class CoachingActivityIndex1764291600000 implements MigrationInterface {
  name = 'CoachingActivityIndex1764291600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_events_rep_activity" ON "events" ("rep_id", "occurred_at")
      INCLUDE ("event_type", "currency", "quantity", "amount_minor") WHERE "status" = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_events_rep_activity"`);
  }
}
