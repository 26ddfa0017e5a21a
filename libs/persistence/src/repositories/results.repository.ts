import type { EntityManager } from 'typeorm';
import type { AdjustmentRecord, Award, Board, Prize, PublicView } from '#domain';

/**
 * Which prizes a caller may see, as libs/domain decides it per contest (`contestBoardView`): every prize
 * of the contests they see in full; of the contests they see as the public board, the prizes whose
 * winner's line shows there (`showsLine`: within the public part of the board and, on screens, not a
 * rep who hides from TVs; or one of the caller's own lines).
 */
export interface PrizeScope {
  /** Contests whose prizes all show; null: every contest (admins). */
  readonly fullContestIds: readonly string[] | null;
  /** Contests seen as the public board, through `view`. */
  readonly publicContestIds: readonly string[];
  readonly view: PublicView;
}

/**
 * The {@link PrizeScope} filter, the SQL form of libs/domain `showsLine` for an award's winner (its line
 * `winner_position` of `board_total`; `publicLength` is `LEAST(topN, ceil(total / 2))`). Needs `a` (the
 * award), `r` (its rep, left-joined) and `wt` (the rep's team, left-joined); its parameters are $3 to
 * $9 (see `scopeParams`). test/privacy.e2e-spec.ts checks it against the domain's rule.
 */
const SCOPE_SQL = `(($3::uuid[] IS NULL OR a.contest_id = ANY($3::uuid[]))
  OR (a.contest_id = ANY($4::uuid[]) AND (
       (a.winner_kind = 'rep' AND (a.winner_key = $7::text OR wt.key = ANY($9::text[])))
    OR (a.winner_kind = 'team' AND (a.winner_key = $8::text OR a.winner_key = ANY($9::text[])))
    OR (a.winner_position <= LEAST($5::int, (a.board_total + 1) / 2)
        AND NOT ($6::boolean AND a.winner_kind = 'rep' AND r.hidden_from_tv IS TRUE)))))`;

/** The joins {@link SCOPE_SQL} reads. */
const SCOPE_JOINS = `LEFT JOIN reps r ON r.id = a.rep_id LEFT JOIN teams wt ON wt.id = r.team_id`;

function scopeParams(scope: PrizeScope): unknown[] {
  const { view } = scope;
  return [
    scope.fullContestIds,
    scope.publicContestIds,
    view.topN,
    view.hideHidden,
    view.own.rep,
    view.own.team,
    view.own.teams,
  ];
}

/** A frozen board: its top entries and how many it had in all. */
export interface FrozenBoard extends Board {
  readonly total: number;
}

/** A finalised period as stored. */
export interface FinalPeriod {
  readonly contestId: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly finalisation: number;
  readonly finalisedAt: number;
  /** Without `entries` (empty) when periods are listed rather than read one by one. */
  readonly boards: readonly FrozenBoard[];
  readonly awards: readonly Award[];
  readonly pendingAdjustments: number;
}

export interface StoredAdjustment extends AdjustmentRecord {
  readonly id: string;
  readonly source: string;
  readonly externalId: string;
  readonly repExternalId: string;
  readonly recordedAt: number;
  readonly resolvedAt: number | null;
}

/** A prize won, with its contest and period (history, hall of fame). */
export interface WonPrize {
  readonly contestId: string;
  readonly contestName: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly award: Award;
}

interface AwardRow {
  contest_id: string;
  contest_name: string;
  period_start: Date;
  period_end: Date;
  division: string | null;
  kind: 'rank' | 'threshold';
  rank: number | null;
  at_least: string | null;
  prize: Prize;
  winner_kind: 'rep' | 'team';
  winner_key: string;
  winner_name: string;
  rep_id: string | null;
  winner_rank: number;
  winner_position: number;
  board_total: number;
  score: string;
  value: string;
}

const AWARD_COLUMNS = `a.contest_id, c.name AS contest_name, a.period_start, p.period_end, a.division, a.kind,
  a.rank, a.at_least::text, a.prize, a.winner_kind, a.winner_key, a.winner_name, a.rep_id, a.winner_rank,
  a.winner_position, a.board_total, a.score::text, a.value::text`;

function toWonPrize(r: AwardRow): WonPrize {
  return {
    contestId: r.contest_id,
    contestName: r.contest_name,
    periodStart: r.period_start.getTime(),
    periodEnd: r.period_end.getTime(),
    award: {
      division: r.division,
      kind: r.kind,
      rank: r.rank,
      atLeast: r.at_least === null ? null : Number(r.at_least),
      prize: r.prize,
      winner: {
        kind: r.winner_kind,
        id: r.rep_id ?? r.winner_key,
        externalId: r.winner_key,
        name: r.winner_name,
      },
      winnerRank: r.winner_rank,
      winnerPosition: r.winner_position,
      boardTotal: r.board_total,
      score: Number(r.score),
      value: Number(r.value),
    },
  };
}

/** Finalised periods, their awards and post-close adjustments. Every method takes the caller's transaction. */
export class ResultsRepository {
  /** Which of the given boards (contest + period start) are final, as `contestId|periodStart` keys. */
  async finalBoards(
    tx: EntityManager,
    boards: readonly { contestId: string; periodStart: number }[],
  ): Promise<Set<string>> {
    if (boards.length === 0) return new Set();
    const rows: { contest_id: string; period_start: Date }[] = await tx.query(
      `SELECT p.contest_id, p.period_start FROM contest_periods p
       JOIN unnest($1::uuid[], $2::timestamptz[]) AS b(contest_id, period_start)
         ON p.contest_id = b.contest_id AND p.period_start = b.period_start`,
      [boards.map((b) => b.contestId), boards.map((b) => new Date(b.periodStart).toISOString())],
    );
    return new Set(rows.map((r) => `${r.contest_id}|${r.period_start.getTime()}`));
  }

  async recordAdjustments(tx: EntityManager, adjustments: readonly AdjustmentRecord[]): Promise<void> {
    if (adjustments.length === 0) return;
    await tx.query(
      `INSERT INTO adjustments (contest_id, period_start, event_id, revision, rep_id, points_before, points_after)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::int[], $5::uuid[], $6::bigint[], $7::bigint[])`,
      [
        adjustments.map((a) => a.contestId),
        adjustments.map((a) => new Date(a.periodStart).toISOString()),
        adjustments.map((a) => a.eventId),
        adjustments.map((a) => a.revision),
        adjustments.map((a) => a.repId),
        adjustments.map((a) => a.pointsBefore),
        adjustments.map((a) => a.pointsAfter),
      ],
    );
  }

  /** The finalisation count of a board, locked for the transaction; null when it is not final. */
  async lockFinalisation(tx: EntityManager, contestId: string, periodStart: number): Promise<number | null> {
    const rows: { finalisation: number }[] = await tx.query(
      `SELECT finalisation FROM contest_periods WHERE contest_id = $1 AND period_start = $2 FOR UPDATE`,
      [contestId, new Date(periodStart)],
    );
    return rows[0]?.finalisation ?? null;
  }

  /**
   * Stores a (re-)finalisation: the frozen boards, the awards (replacing earlier ones) and the resolution
   * of every pending adjustment of the board.
   */
  async saveFinal(
    tx: EntityManager,
    final: {
      contestId: string;
      periodStart: number;
      periodEnd: number;
      finalisation: number;
      boards: readonly FrozenBoard[];
      awards: readonly Award[];
    },
  ): Promise<void> {
    const { contestId } = final;
    const periodStart = new Date(final.periodStart);
    await tx.query(
      `INSERT INTO contest_periods (contest_id, period_start, period_end, finalisation, results)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (contest_id, period_start) DO UPDATE
         SET finalisation = excluded.finalisation, finalised_at = now(), results = excluded.results`,
      [
        contestId,
        periodStart,
        new Date(final.periodEnd),
        final.finalisation,
        JSON.stringify({ boards: final.boards }),
      ],
    );
    await tx.query(`DELETE FROM awards WHERE contest_id = $1 AND period_start = $2`, [
      contestId,
      periodStart,
    ]);
    if (final.awards.length > 0) {
      const a = final.awards;
      await tx.query(
        `INSERT INTO awards (contest_id, period_start, division, kind, rank, at_least, prize, winner_kind,
           winner_key, winner_name, rep_id, winner_rank, winner_position, board_total, score, value)
         SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::int[], $6::bigint[], $7::jsonb[], $8::text[],
           $9::text[], $10::text[], $11::uuid[], $12::int[], $13::int[], $14::int[], $15::bigint[],
           $16::bigint[])`,
        [
          contestId,
          periodStart,
          a.map((x) => x.division),
          a.map((x) => x.kind),
          a.map((x) => x.rank),
          a.map((x) => x.atLeast),
          a.map((x) => JSON.stringify(x.prize)),
          a.map((x) => x.winner.kind),
          a.map((x) => x.winner.externalId),
          a.map((x) => x.winner.name),
          a.map((x) => (x.winner.kind === 'rep' ? x.winner.id : null)),
          a.map((x) => x.winnerRank),
          a.map((x) => x.winnerPosition),
          a.map((x) => x.boardTotal),
          a.map((x) => x.score),
          a.map((x) => x.value),
        ],
      );
    }
    await tx.query(
      `UPDATE adjustments SET resolved_at = now()
       WHERE contest_id = $1 AND period_start = $2 AND resolved_at IS NULL`,
      [contestId, periodStart],
    );
  }

  /** Finalised periods of a contest, newest first (at most `limit`), with their awards. */
  async periodsOf(
    tx: EntityManager,
    contestId: string,
    limit: number,
    periodStart: number | null = null,
  ): Promise<FinalPeriod[]> {
    const rows: {
      period_start: Date;
      period_end: Date;
      finalisation: number;
      finalised_at: Date;
      results: { boards: FrozenBoard[] };
      pending: string;
    }[] = await tx.query(
      `SELECT p.period_start, p.period_end, p.finalisation, p.finalised_at,
         ${
           periodStart === null
             ? `jsonb_build_object('boards', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                  'division', b->'division', 'total', b->'total', 'entries', '[]'::jsonb))
                FROM jsonb_array_elements(p.results->'boards') b), '[]'::jsonb)) AS results`
             : 'p.results'
         },
         (SELECT count(*) FROM adjustments j WHERE j.contest_id = p.contest_id AND j.period_start = p.period_start
            AND j.resolved_at IS NULL)::text AS pending
       FROM contest_periods p WHERE p.contest_id = $1 AND ($3::timestamptz IS NULL OR p.period_start = $3)
       ORDER BY p.period_start DESC LIMIT $2`,
      [contestId, limit, periodStart === null ? null : new Date(periodStart)],
    );
    if (rows.length === 0) return [];
    const awards = await this.awardsOf(
      tx,
      contestId,
      rows.map((r) => r.period_start.getTime()),
    );
    return rows.map((r) => ({
      contestId,
      periodStart: r.period_start.getTime(),
      periodEnd: r.period_end.getTime(),
      finalisation: r.finalisation,
      finalisedAt: r.finalised_at.getTime(),
      boards: r.results.boards,
      awards: awards.filter((w) => w.periodStart === r.period_start.getTime()).map((w) => w.award),
      pendingAdjustments: Number(r.pending),
    }));
  }

  async awardsOf(tx: EntityManager, contestId: string, periodStarts: readonly number[]): Promise<WonPrize[]> {
    const rows: AwardRow[] = await tx.query(
      `SELECT ${AWARD_COLUMNS} FROM awards a
         JOIN contest_periods p ON p.contest_id = a.contest_id AND p.period_start = a.period_start
         JOIN contests c ON c.id = a.contest_id
       WHERE a.contest_id = $1 AND a.period_start = ANY($2::timestamptz[]) ORDER BY a.id`,
      [contestId, periodStarts.map((t) => new Date(t).toISOString())],
    );
    return rows.map(toWonPrize);
  }

  /** Prizes won by one rep, newest first, among the prizes `scope` lets the caller see. */
  async prizesOfRep(tx: EntityManager, repId: string, limit: number, scope: PrizeScope): Promise<WonPrize[]> {
    const rows: AwardRow[] = await tx.query(
      `SELECT ${AWARD_COLUMNS} FROM awards a
         JOIN contest_periods p ON p.contest_id = a.contest_id AND p.period_start = a.period_start
         JOIN contests c ON c.id = a.contest_id ${SCOPE_JOINS}
       WHERE a.rep_id = $1 AND ${SCOPE_SQL} ORDER BY a.period_start DESC, a.id LIMIT $2`,
      [repId, limit, ...scopeParams(scope)],
    );
    return rows.map(toWonPrize);
  }

  /** The latest prizes won, among the prizes `scope` lets the caller see. */
  async recentPrizes(tx: EntityManager, limit: number, scope: PrizeScope): Promise<WonPrize[]> {
    const rows: AwardRow[] = await tx.query(
      `SELECT ${AWARD_COLUMNS} FROM awards a
         JOIN contest_periods p ON p.contest_id = a.contest_id AND p.period_start = a.period_start
         JOIN contests c ON c.id = a.contest_id ${SCOPE_JOINS}
       WHERE $1::int > 0 AND ${SCOPE_SQL}
       ORDER BY p.finalised_at DESC, a.id LIMIT $2`,
      [1, limit, ...scopeParams(scope)],
    );
    return rows.map(toWonPrize);
  }

  /** Reps by first places won, then by prizes won, counting the prizes `scope` lets the caller see. */
  async repsByWins(
    tx: EntityManager,
    limit: number,
    scope: PrizeScope,
  ): Promise<{ externalId: string; displayName: string; wins: number; prizes: number }[]> {
    const rows: { external_id: string; display_name: string; wins: string; prizes: string }[] =
      await tx.query(
        `SELECT r.external_id, r.display_name,
         count(*) FILTER (WHERE a.kind = 'rank' AND a.rank = 1)::text AS wins, count(*)::text AS prizes
       FROM awards a ${SCOPE_JOINS}
       WHERE a.rep_id IS NOT NULL AND $1::int > 0 AND ${SCOPE_SQL}
       GROUP BY r.id ORDER BY 3 DESC, 4 DESC, r.external_id LIMIT $2`,
        [1, limit, ...scopeParams(scope)],
      );
    return rows.map((r) => ({
      externalId: r.external_id,
      displayName: r.display_name,
      wins: Number(r.wins),
      prizes: Number(r.prizes),
    }));
  }

  /** Adjustments of a contest's final periods (pending ones, or all), newest first. */
  async adjustmentsOf(
    tx: EntityManager,
    contestId: string,
    pendingOnly: boolean,
  ): Promise<StoredAdjustment[]> {
    const rows: {
      id: string;
      contest_id: string;
      period_start: Date;
      event_id: string;
      revision: number;
      rep_id: string;
      points_before: string;
      points_after: string;
      recorded_at: Date;
      resolved_at: Date | null;
      source: string;
      external_id: string;
      rep_external_id: string;
    }[] = await tx.query(
      `SELECT j.id::text, j.contest_id, j.period_start, j.event_id::text, j.revision, j.rep_id,
         j.points_before::text, j.points_after::text, j.recorded_at, j.resolved_at,
         e.source, e.external_id, r.external_id AS rep_external_id
       FROM adjustments j JOIN events e ON e.id = j.event_id JOIN reps r ON r.id = j.rep_id
       WHERE j.contest_id = $1 AND ($2::boolean = false OR j.resolved_at IS NULL)
       ORDER BY j.period_start DESC, j.id DESC LIMIT 1000`,
      [contestId, pendingOnly],
    );
    return rows.map((r) => ({
      id: r.id,
      contestId: r.contest_id,
      periodStart: r.period_start.getTime(),
      eventId: r.event_id,
      revision: r.revision,
      repId: r.rep_id,
      pointsBefore: Number(r.points_before),
      pointsAfter: Number(r.points_after),
      recordedAt: r.recorded_at.getTime(),
      resolvedAt: r.resolved_at === null ? null : r.resolved_at.getTime(),
      source: r.source,
      externalId: r.external_id,
      repExternalId: r.rep_external_id,
    }));
  }
}
