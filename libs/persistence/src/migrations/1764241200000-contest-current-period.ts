import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The period a contest's board shows; moving it (at a period boundary) bumps the standings version. */
export class ContestCurrentPeriod1764241200000 implements MigrationInterface {
  name = 'ContestCurrentPeriod1764241200000';

  async up(q: QueryRunner): Promise<void> {
    // A default, so that api instances still on the previous release can create contests during a
    // rolling deploy (the worker rolls such a board to its real period within a second).
    await q.query(`ALTER TABLE "contests" ADD "current_period_start" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "contests" SET "current_period_start" = "starts_at"`);
    await q.query(`ALTER TABLE "contests" ALTER COLUMN "current_period_start" SET DEFAULT now()`);
    await q.query(`ALTER TABLE "contests" ALTER COLUMN "current_period_start" SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" DROP COLUMN "current_period_start"`);
  }
}
