import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records the first rebuild of a contest, so a rebuild job lost with the queue is noticed and redone. */
export class ContestRebuiltAt1764234000000 implements MigrationInterface {
  name = 'ContestRebuiltAt1764234000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" ADD "rebuilt_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contests" DROP COLUMN "rebuilt_at"`);
  }
}
