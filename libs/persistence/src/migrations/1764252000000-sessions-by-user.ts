import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions are revoked per user (password change, role change, disabling): index them by user. */
export class SessionsByUser1764252000000 implements MigrationInterface {
  name = 'SessionsByUser1764252000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_sessions_user_id" ON "sessions" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_sessions_user_id"`);
  }
}
