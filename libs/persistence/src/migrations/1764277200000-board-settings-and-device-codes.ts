import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board settings on screens (slide time, theme, language, celebrations, big-deal threshold, how long
 * winners stay, a version the TVs follow) with checks, and the device codes of TVs waiting to be linked
 * (RFC 8628 device authorization), stored as hashes.
 */
export class BoardSettingsAndDeviceCodes1764277200000 implements MigrationInterface {
  name = 'BoardSettingsAndDeviceCodes1764277200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "screen_device_codes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "device_hash" text NOT NULL, "user_code_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "interval_seconds" integer NOT NULL, "last_polled_at" TIMESTAMP WITH TIME ZONE, "screen_id" uuid, "linked_at" TIMESTAMP WITH TIME ZONE, "consumed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_screen_device_codes" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_screen_device_codes_expires_at" ON "screen_device_codes"  ("expires_at")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_screen_device_codes_user_code_hash" ON "screen_device_codes"  ("user_code_hash")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_screen_device_codes_device_hash" ON "screen_device_codes"  ("device_hash")`,
    );
    await q.query(`ALTER TABLE "screens" ADD "seconds_per_slide" integer NOT NULL DEFAULT '20'`);
    await q.query(`ALTER TABLE "screens" ADD "theme" text NOT NULL DEFAULT 'dark'`);
    await q.query(`ALTER TABLE "screens" ADD "language" text NOT NULL DEFAULT 'auto'`);
    await q.query(`ALTER TABLE "screens" ADD "celebrations_enabled" boolean NOT NULL DEFAULT true`);
    await q.query(
      `ALTER TABLE "screens" ADD "celebration_kinds" text array NOT NULL DEFAULT '{big_deal,new_leader,target_reached,prize_won}'`,
    );
    await q.query(`ALTER TABLE "screens" ADD "celebration_sound" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "screens" ADD "big_deal_amount" bigint`);
    await q.query(`ALTER TABLE "screens" ADD "big_deal_currency" text`);
    await q.query(`ALTER TABLE "screens" ADD "winners_hold_seconds" integer NOT NULL DEFAULT '300'`);
    await q.query(`ALTER TABLE "screens" ADD "board_version" integer NOT NULL DEFAULT '1'`);
    await q.query(
      `ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_big_deal" CHECK (("big_deal_amount" IS NULL AND "big_deal_currency" IS NULL) OR ("big_deal_amount" > 0 AND "big_deal_currency" ~ '^[A-Z]{3}$'))`,
    );
    await q.query(
      `ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_celebration_kinds" CHECK ("celebration_kinds" <@ ARRAY['big_deal', 'new_leader', 'target_reached', 'prize_won']::text[])`,
    );
    await q.query(
      `ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_language" CHECK ("language" IN ('auto', 'en', 'nl'))`,
    );
    await q.query(
      `ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_theme" CHECK ("theme" IN ('dark', 'light'))`,
    );
    await q.query(
      `ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_winners_hold_seconds" CHECK ("winners_hold_seconds" BETWEEN 0 AND 3600)`,
    );
    await q.query(
      `ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_seconds_per_slide" CHECK ("seconds_per_slide" BETWEEN 5 AND 300)`,
    );
    await q.query(`ALTER TABLE "screens" ADD CONSTRAINT "ck_screens_top_n" CHECK ("top_n" BETWEEN 1 AND 50)`);
    await q.query(
      `ALTER TABLE "screen_device_codes" ADD CONSTRAINT "fk_screen_device_codes_screen_id" FOREIGN KEY ("screen_id") REFERENCES "screens"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "screen_device_codes" DROP CONSTRAINT "fk_screen_device_codes_screen_id"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_top_n"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_seconds_per_slide"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_winners_hold_seconds"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_theme"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_language"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_celebration_kinds"`);
    await q.query(`ALTER TABLE "screens" DROP CONSTRAINT "ck_screens_big_deal"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "board_version"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "winners_hold_seconds"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "big_deal_currency"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "big_deal_amount"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "celebration_sound"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "celebration_kinds"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "celebrations_enabled"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "language"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "theme"`);
    await q.query(`ALTER TABLE "screens" DROP COLUMN "seconds_per_slide"`);
    await q.query(`DROP INDEX "public"."uq_screen_device_codes_device_hash"`);
    await q.query(`DROP INDEX "public"."uq_screen_device_codes_user_code_hash"`);
    await q.query(`DROP INDEX "public"."ix_screen_device_codes_expires_at"`);
    await q.query(`DROP TABLE "screen_device_codes"`);
  }
}
