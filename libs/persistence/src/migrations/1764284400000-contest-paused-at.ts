import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contest can be paused by a manager: it keeps scoring, but its boards show it paused and it
 * celebrates nothing. `paused_at` is when it was paused; null while it runs (every existing contest).
 */
export class ContestPausedAt1764284400000 implements MigrationInterface {
  name = 'ContestPausedAt1764284400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" ADD "paused_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" DROP COLUMN "paused_at"`);
  }
}
