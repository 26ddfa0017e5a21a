import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh-token reuse detection: every session remembers the login it descends from (`family_id`,
 * the id of that login's first session) and the session that replaced it at a refresh
 * (`replaced_by`). A refresh token presented again after its rotation revokes the whole family.
 * Sessions that exist already start their own family.
 */
export class SessionFamilies1764255600000 implements MigrationInterface {
  name = 'SessionFamilies1764255600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD "family_id" uuid`);
    await q.query(`UPDATE "sessions" SET "family_id" = "id"`);
    await q.query(`ALTER TABLE "sessions" ALTER COLUMN "family_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "sessions" ADD "replaced_by" uuid`);
    await q.query(`CREATE INDEX "ix_sessions_family_id" ON "sessions" ("family_id")`);
    await q.query(`ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_replaced_by" FOREIGN KEY ("replaced_by")
      REFERENCES "sessions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_replaced_by"`);
    await q.query(`DROP INDEX "ix_sessions_family_id"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "replaced_by"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "family_id"`);
  }
}
