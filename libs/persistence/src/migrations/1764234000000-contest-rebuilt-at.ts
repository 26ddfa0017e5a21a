import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records the first rebuild of a contest, so a rebuild job lost with the queue is noticed and redone. */
export class ContestRebuiltAt1764234000000 implements MigrationInterface {
  name = 'ContestRebuiltAt1764234000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" ADD "rebuilt_at" TIMESTAMP WITH TIME ZONE`);
    // Contests that exist already were rebuilt by their job; only new ones must be watched.
    await q.query(`UPDATE "contests" SET "rebuilt_at" = "created_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" DROP COLUMN "rebuilt_at"`);
  }
}
