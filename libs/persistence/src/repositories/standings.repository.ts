import type { EntityManager } from 'typeorm';
import {
  standingKeyOf,
  type Contribution,
  type Standing,
  type StandingDelta,
  type StandingKey,
} from '#domain';

interface ContributionRow {
  event_id: string;
  contest_id: string;
  period_start: Date;
  rep_id: string;
  points: string;
  occurred_at: Date;
}

/** A standing joined with its rep, as boards show it. */
export interface BoardRow extends Standing {
  readonly externalId: string;
  readonly displayName: string;
}

interface BoardSqlRow {
  rep_id: string;
  score: string;
  reached_at: Date;
  external_id: string;
  display_name: string;
}

function toBoardRow(r: BoardSqlRow): BoardRow {
  return {
    repId: r.rep_id,
    score: Number(r.score),
    reachedAt: r.reached_at.getTime(),
    externalId: r.external_id,
    displayName: r.display_name,
  };
}

function keyColumns(keys: readonly StandingKey[]): unknown[] {
  return [
    keys.map((k) => k.contestId),
    keys.map((k) => new Date(k.periodStart).toISOString()),
    keys.map((k) => k.repId),
  ];
}

/** Advisory lock slots that standings keys hash into (at most this many locks per transaction). */
export const STANDING_LOCK_SLOTS = 256;
/** First key of Podium's two-key advisory locks ("PODI"), apart from other users of advisory locks. */
const ADVISORY_LOCK_SPACE = 0x504f4449;

/**
 * The board order of libs/domain `compareStandings`, in SQL: score high to low, then the earlier
 * `reached_at`, then the lower rep id. Keep the two in step (test/recompute.e2e-spec.ts compares them).
 */
const BOARD_ORDER = 's.score DESC, s.reached_at ASC, s.rep_id ASC';

/** SQL of contributions and standings. Every method takes the caller's transaction or manager. */
export class StandingsRepository {
  async contributionsOf(tx: EntityManager, eventIds: readonly string[]): Promise<Contribution[]> {
    if (eventIds.length === 0) return [];
    const rows: ContributionRow[] = await tx.query(
      `SELECT event_id::text, contest_id, period_start, rep_id, points::text, occurred_at
       FROM contributions WHERE event_id = ANY($1::bigint[])`,
      [eventIds],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      contestId: r.contest_id,
      periodStart: r.period_start.getTime(),
      repId: r.rep_id,
      points: Number(r.points),
      occurredAt: r.occurred_at.getTime(),
    }));
  }

  async deleteContributions(tx: EntityManager, removed: readonly Contribution[]): Promise<void> {
    if (removed.length === 0) return;
    await tx.query(
      `DELETE FROM contributions c USING unnest($1::bigint[], $2::uuid[]) AS u(event_id, contest_id)
       WHERE c.event_id = u.event_id AND c.contest_id = u.contest_id`,
      [removed.map((c) => c.eventId), removed.map((c) => c.contestId)],
    );
  }

  async insertContributions(tx: EntityManager, added: readonly Contribution[]): Promise<void> {
    if (added.length === 0) return;
    await tx.query(
      `INSERT INTO contributions (event_id, contest_id, period_start, rep_id, points, occurred_at)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::bigint[], $6::timestamptz[])`,
      [
        added.map((c) => c.eventId),
        added.map((c) => c.contestId),
        added.map((c) => new Date(c.periodStart).toISOString()),
        added.map((c) => c.repId),
        added.map((c) => c.points),
        added.map((c) => new Date(c.occurredAt).toISOString()),
      ],
    );
  }

  /**
   * Serialises writers of the same standings for the rest of the transaction (in slot order: no
   * deadlocks). A rebuild reads contributions and then writes the sum; without this lock a concurrent
   * writer's committed delta could fall between the read and the write and be lost. Keys hash into
   * {@link STANDING_LOCK_SLOTS} transaction-scoped advisory locks: one lock per key would exhaust
   * PostgreSQL's lock table when an event batch touches thousands of standings (many live contests).
   */
  async lockStandingKeys(tx: EntityManager, keys: readonly StandingKey[]): Promise<void> {
    if (keys.length === 0) return;
    const names = [...new Set(keys.map(standingKeyOf))];
    await tx.query(
      `SELECT pg_advisory_xact_lock($2::int, slot) FROM (
         SELECT DISTINCT (abs(hashtext(n)) % $3::int) AS slot FROM unnest($1::text[]) AS n ORDER BY 1) s`,
      [names, ADVISORY_LOCK_SPACE, STANDING_LOCK_SLOTS],
    );
  }

  /** Applies add-only deltas (libs/domain `addToStanding`) in one statement; `deltas` sorted by key. */
  async addToStandings(tx: EntityManager, deltas: readonly StandingDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await tx.query(
      `INSERT INTO standings (contest_id, period_start, rep_id, score, reached_at)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::bigint[], $5::timestamptz[])
       ON CONFLICT (contest_id, period_start, rep_id) DO UPDATE
         SET score = standings.score + excluded.score,
             reached_at = GREATEST(standings.reached_at, excluded.reached_at)`,
      [
        ...keyColumns(deltas.map((d) => d.key)),
        deltas.map((d) => d.scoreDelta),
        deltas.map((d) => new Date(d.latestAdded ?? 0).toISOString()),
      ],
    );
  }

  /**
   * Rebuilds the given standings from their remaining contributions (libs/domain
   * `standingFromContributions`): sum of points, latest occurredAt; a rep left with none leaves the board.
   */
  async rebuildStandings(tx: EntityManager, keys: readonly StandingKey[]): Promise<void> {
    if (keys.length === 0) return;
    const params = keyColumns(keys);
    await tx.query(
      `WITH k AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[]) AS k(contest_id, period_start, rep_id)),
       agg AS (
         SELECT k.contest_id, k.period_start, k.rep_id, sum(c.points) AS score, max(c.occurred_at) AS reached_at
         FROM k JOIN contributions c
           ON c.contest_id = k.contest_id AND c.period_start = k.period_start AND c.rep_id = k.rep_id
         GROUP BY k.contest_id, k.period_start, k.rep_id)
       INSERT INTO standings (contest_id, period_start, rep_id, score, reached_at)
       SELECT * FROM agg ORDER BY contest_id, period_start, rep_id
       ON CONFLICT (contest_id, period_start, rep_id) DO UPDATE
         SET score = excluded.score, reached_at = excluded.reached_at`,
      params,
    );
    await tx.query(
      `DELETE FROM standings s USING unnest($1::uuid[], $2::timestamptz[], $3::uuid[]) AS k(contest_id, period_start, rep_id)
       WHERE s.contest_id = k.contest_id AND s.period_start = k.period_start AND s.rep_id = k.rep_id
         AND NOT EXISTS (SELECT 1 FROM contributions c
           WHERE c.contest_id = k.contest_id AND c.period_start = k.period_start AND c.rep_id = k.rep_id)`,
      params,
    );
  }

  /** Forgets every contribution and standing of a contest (before a rebuild from the ledger). */
  async clearContest(tx: EntityManager, contestId: string): Promise<void> {
    await tx.query(`DELETE FROM contributions WHERE contest_id = $1`, [contestId]);
    await tx.query(`DELETE FROM standings WHERE contest_id = $1`, [contestId]);
  }

  /** The first `limit` entries of a board, in board order, and the board's size. */
  async top(
    tx: EntityManager,
    contestId: string,
    periodStart: number,
    limit: number,
  ): Promise<{ rows: BoardRow[]; total: number }> {
    const rows: (BoardSqlRow & { total: string })[] = await tx.query(
      `SELECT s.rep_id, s.score::text, s.reached_at, r.external_id, r.display_name,
         count(*) OVER ()::text AS total
       FROM standings s JOIN reps r ON r.id = s.rep_id
       WHERE s.contest_id = $1 AND s.period_start = $2
       ORDER BY ${BOARD_ORDER} LIMIT $3`,
      [contestId, new Date(periodStart), limit],
    );
    const total =
      rows[0] === undefined ? await this.count(tx, contestId, periodStart) : Number(rows[0].total);
    return { rows: rows.map(toBoardRow), total };
  }

  /**
   * Every line of one board in board order, with who stands on it and, for the privacy rule, their
   * team (key) and whether they hide from TVs: one statement, for the live fan-out that slices every
   * watcher's view of the board from it.
   */
  async wholeBoard(
    tx: EntityManager,
    contestId: string,
    periodStart: number,
  ): Promise<{ rows: BoardRow[]; lines: Map<string, { team: string | null; hidden: boolean }> }> {
    const rows: (BoardSqlRow & { team_key: string | null; hidden_from_tv: boolean })[] = await tx.query(
      `SELECT s.rep_id, s.score::text, s.reached_at, r.external_id, r.display_name,
         t.key AS team_key, r.hidden_from_tv
       FROM standings s JOIN reps r ON r.id = s.rep_id LEFT JOIN teams t ON t.id = r.team_id
       WHERE s.contest_id = $1 AND s.period_start = $2
       ORDER BY ${BOARD_ORDER}`,
      [contestId, new Date(periodStart)],
    );
    return {
      rows: rows.map(toBoardRow),
      lines: new Map(rows.map((r) => [r.external_id, { team: r.team_key, hidden: r.hidden_from_tv }])),
    };
  }

  /** Some reps' standings on one board, with who they are (reps without a standing left out). */
  async ofReps(
    tx: EntityManager,
    contestId: string,
    periodStart: number,
    repIds: readonly string[],
  ): Promise<BoardRow[]> {
    if (repIds.length === 0) return [];
    const rows: BoardSqlRow[] = await tx.query(
      `SELECT s.rep_id, s.score::text, s.reached_at, r.external_id, r.display_name
       FROM standings s JOIN reps r ON r.id = s.rep_id
       WHERE s.contest_id = $1 AND s.period_start = $2 AND s.rep_id = ANY($3::uuid[])`,
      [contestId, new Date(periodStart), repIds],
    );
    return rows.map(toBoardRow);
  }

  async count(tx: EntityManager, contestId: string, periodStart: number): Promise<number> {
    const [row]: { n: string }[] = await tx.query(
      `SELECT count(*)::text AS n FROM standings WHERE contest_id = $1 AND period_start = $2`,
      [contestId, new Date(periodStart)],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * The slice of a board around one rep: `above` entries before and `below` after, with the number of
   * entries before the slice (its offset) and the entry just above the slice (to rank it exactly).
   * `null` when the rep is not on the board.
   */
  async around(
    tx: EntityManager,
    contestId: string,
    periodStart: number,
    repExternalId: string,
    above: number,
    below: number,
  ): Promise<{
    rows: BoardRow[];
    offset: number;
    previous: BoardRow | null;
    previousSharedRank: number | null;
  } | null> {
    const period = new Date(periodStart);
    const [me]: { rep_id: string; score: string; reached_at: Date; position: string }[] = await tx.query(
      `SELECT s.rep_id, s.score::text, s.reached_at,
         (SELECT count(*) FROM standings b WHERE b.contest_id = s.contest_id AND b.period_start = s.period_start
            AND (-b.score, b.reached_at, b.rep_id) < (-s.score, s.reached_at, s.rep_id))::text AS position
       FROM standings s JOIN reps r ON r.id = s.rep_id
       WHERE s.contest_id = $1 AND s.period_start = $2 AND r.external_id = $3`,
      [contestId, period, repExternalId],
    );
    if (me === undefined) return null;
    const position = Number(me.position);
    const offset = Math.max(0, position - above);
    // One extra row above the slice, to know the rank and gap of the slice's first entry.
    const from = Math.max(0, offset - 1);
    const rows: BoardSqlRow[] = await tx.query(
      `SELECT s.rep_id, s.score::text, s.reached_at, r.external_id, r.display_name
       FROM standings s JOIN reps r ON r.id = s.rep_id
       WHERE s.contest_id = $1 AND s.period_start = $2
       ORDER BY ${BOARD_ORDER} OFFSET $3 LIMIT $4`,
      [contestId, period, from, position - from + below + 1],
    );
    const mapped = rows.map(toBoardRow);
    const previous = offset > 0 ? (mapped.shift() ?? null) : null;
    let previousSharedRank: number | null = null;
    if (previous !== null) {
      const [higher]: { n: string }[] = await tx.query(
        `SELECT count(*)::text AS n FROM standings WHERE contest_id = $1 AND period_start = $2 AND score > $3`,
        [contestId, period, previous.score],
      );
      previousSharedRank = Number(higher?.n ?? 0) + 1;
    }
    return { rows: mapped, offset, previous, previousSharedRank };
  }

  /** Every standing of a contest, for comparing with a recompute. */
  async allOfContest(tx: EntityManager, contestId: string): Promise<(Standing & { periodStart: number })[]> {
    const rows: { rep_id: string; score: string; reached_at: Date; period_start: Date }[] = await tx.query(
      `SELECT rep_id, score::text, reached_at, period_start FROM standings WHERE contest_id = $1`,
      [contestId],
    );
    return rows.map((r) => ({
      repId: r.rep_id,
      score: Number(r.score),
      reachedAt: r.reached_at.getTime(),
      periodStart: r.period_start.getTime(),
    }));
  }
}
