import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ContestEntity } from '../entities/contest.entity.js';

/** One finished period of one contest, as a rep's history shows it. */
export interface RepResultRow {
  readonly contestId: string;
  readonly contestName: string;
  readonly timeZone: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  /** The rep's rank on the frozen board; null when not on it (a team contest, or beyond its top 100). */
  readonly rank: number | null;
  readonly score: number;
  readonly prizes: string[];
}

/** What a rep's own view reads: the contests on now, and the rep's finished periods. */
export class MeRepository {
  /** Published contests that count now (live, or in the grace period of their end), by name. */
  async contestsOn(tx: EntityManager): Promise<ContestEntity[]> {
    return tx.find(ContestEntity, {
      where: { status: In(['live', 'finalising']) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /** The rep's finalised periods where they scored, newest first, with their final rank and prizes. */
  async repResults(
    tx: EntityManager,
    repId: string,
    externalId: string,
    limit: number,
  ): Promise<RepResultRow[]> {
    const rows: {
      contest_id: string;
      name: string;
      time_zone: string;
      period_start: Date;
      period_end: Date;
      score: string;
      rank: number | null;
      prizes: string[];
    }[] = await tx.query(
      `SELECT p.contest_id, c.name, c.rules->'period'->>'timeZone' AS time_zone, p.period_start, p.period_end,
         s.score::text AS score,
         (SELECT (e->>'rank')::int FROM jsonb_array_elements(p.results->'boards') b,
             jsonb_array_elements(b->'entries') e
           WHERE e->>'kind' = 'rep' AND e->>'externalId' = $2 LIMIT 1) AS rank,
         COALESCE((SELECT array_agg(a.prize->>'name' ORDER BY a.id) FROM awards a
           WHERE a.contest_id = p.contest_id AND a.period_start = p.period_start AND a.rep_id = $1), '{}') AS prizes
       FROM contest_periods p
         JOIN contests c ON c.id = p.contest_id
         JOIN standings s ON s.contest_id = p.contest_id AND s.period_start = p.period_start AND s.rep_id = $1
       WHERE c.status <> 'draft'
       ORDER BY p.period_start DESC, c.name LIMIT $3`,
      [repId, externalId, limit],
    );
    return rows.map((r) => ({
      contestId: r.contest_id,
      contestName: r.name,
      timeZone: r.time_zone,
      periodStart: r.period_start.getTime(),
      periodEnd: r.period_end.getTime(),
      rank: r.rank,
      score: Number(r.score),
      prizes: r.prizes,
    }));
  }
}
