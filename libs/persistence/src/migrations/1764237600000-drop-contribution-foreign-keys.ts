import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scoring transaction guarantees the references of `contributions` (it holds the event and the
 * contest locked while it writes); the foreign-key triggers only cost time on the hottest insert.
 */
export class DropContributionForeignKeys1764237600000 implements MigrationInterface {
  name = 'DropContributionForeignKeys1764237600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contributions" DROP CONSTRAINT "fk_contributions_event_id"`);
    await q.query(`ALTER TABLE "contributions" DROP CONSTRAINT "fk_contributions_contest_id"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contributions" ADD CONSTRAINT "fk_contributions_event_id" FOREIGN KEY ("event_id")
      REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "contributions" ADD CONSTRAINT "fk_contributions_contest_id" FOREIGN KEY ("contest_id")
      REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
