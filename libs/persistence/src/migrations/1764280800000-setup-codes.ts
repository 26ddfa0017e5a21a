import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time first-run setup codes (stored as hashes) that create the first admin in the browser. */
export class SetupCodes1764280800000 implements MigrationInterface {
  name = 'SetupCodes1764280800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "setup_codes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "code_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_setup_codes" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_setup_codes_code_hash" ON "setup_codes"  ("code_hash")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_setup_codes_code_hash"`);
    await q.query(`DROP TABLE "setup_codes"`);
  }
}
