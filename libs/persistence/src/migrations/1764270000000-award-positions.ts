import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each award keeps where its winner stood: the line on the board and how many lines the board had, so
 * public views of prizes (hall of fame, a rep's wins) apply the same rule as boards without reading the
 * frozen results. Existing awards are filled from their period's frozen boards; a winner beyond the kept
 * top 100 gets line 101 or lower (no public view lists that far: the public top N is at most 100).
 */
export class AwardPositions1764270000000 implements MigrationInterface {
  name = 'AwardPositions1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "awards" ADD "winner_position" integer`);
    await q.query(`ALTER TABLE "awards" ADD "board_total" integer`);
    await q.query(`UPDATE "awards" a SET
        "board_total" = COALESCE(b.total, a."winner_rank"),
        "winner_position" = COALESCE(b.position, GREATEST(a."winner_rank", 101))
      FROM (
        SELECT w.id, (board->>'total')::int AS total,
          (SELECT e.ord::int FROM jsonb_array_elements(board->'entries') WITH ORDINALITY e(line, ord)
           WHERE e.line->>'kind' = w.winner_kind AND e.line->>'externalId' = w.winner_key LIMIT 1) AS position
        FROM "awards" w
        JOIN "contest_periods" p ON p.contest_id = w.contest_id AND p.period_start = w.period_start
        LEFT JOIN LATERAL (
          SELECT x AS board FROM jsonb_array_elements(p.results->'boards') x
          WHERE x->>'division' IS NOT DISTINCT FROM w.division LIMIT 1) boards ON true
      ) b
      WHERE b.id = a.id`);
    await q.query(`ALTER TABLE "awards" ALTER COLUMN "winner_position" SET NOT NULL`);
    await q.query(`ALTER TABLE "awards" ALTER COLUMN "board_total" SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "awards" DROP COLUMN "board_total"`);
    await q.query(`ALTER TABLE "awards" DROP COLUMN "winner_position"`);
  }
}
